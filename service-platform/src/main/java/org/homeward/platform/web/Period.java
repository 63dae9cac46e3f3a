package org.homeward.platform.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.homeward.platform.problem.HomewardException;

/**
 * A reporting period [from, to): whole days in the platform time zone, {@code from} included,
 * {@code to} excluded, {@code from} before {@code to}. Built from the {@code from} and {@code to}
 * query parameters (typed {@link LocalDate} by the parameter converters, or as text), refusing a
 * missing or reversed one with 400 naming it.
 */
public record Period(LocalDate from, LocalDate to) {
    public Period {
        if (from == null) {
            throw HomewardException.badInput("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw HomewardException.badInput("to", "is required (YYYY-MM-DD)");
        }
        if (!from.isBefore(to)) {
            throw HomewardException.badInput("from", "must be before to");
        }
    }

    /** From query parameters already read as dates (null when absent). */
    public static Period of(LocalDate from, LocalDate to) {
        return new Period(DateParams.inRange("from", from), DateParams.inRange("to", to));
    }

    /** From query parameters as text, e.g. a stored publication's parameters. */
    public static Period parse(String from, String to) {
        return new Period(DateParams.date("from", from), DateParams.date("to", to));
    }

    /** This period, refused (400 on {@code to}) when longer than {@code years}: {@code what} names it, e.g. "a series". */
    public Period atMostYears(int years, String what) {
        if (from.plusYears(years).isBefore(to)) {
            throw HomewardException.badInput("to", what + " spans at most " + years + " years");
        }
        return this;
    }

    /** The first instant of the period (00:00 of {@code from} in the platform zone). */
    public OffsetDateTime start() {
        return DateParams.startOf(from);
    }

    /** The first instant after the period (00:00 of {@code to}). */
    public OffsetDateTime end() {
        return DateParams.startOf(to);
    }
}
