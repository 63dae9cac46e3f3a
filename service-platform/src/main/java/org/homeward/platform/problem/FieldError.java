package org.homeward.platform.problem;

/** One bad field: its JSON path (e.g. {@code person.sex}) and what is wrong with it. */
public record FieldError(String field, String message) {}
