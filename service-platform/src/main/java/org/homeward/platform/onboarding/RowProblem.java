package org.homeward.platform.onboarding;

/**
 * What is wrong with one row: its number in the file (the header is row 1), the column as the file
 * names it (null for the row as a whole), the value found, and the problem in words.
 */
public record RowProblem(long row, String column, String field, String value, String problem) {}
