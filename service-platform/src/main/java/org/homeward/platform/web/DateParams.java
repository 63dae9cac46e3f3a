package org.homeward.platform.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;

/** Dates in query strings: {@code YYYY-MM-DD} in the platform time zone; a day means its start (00:00). */
public final class DateParams {

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw HomewardException.badInput(field, "is required (YYYY-MM-DD)");
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1950 || date.getYear() > 2200) {
                throw HomewardException.badInput(field, "is out of range");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw HomewardException.badInput(field, "must be a date YYYY-MM-DD");
        }
    }

    public static LocalDate dateOr(String field, String value, LocalDate fallback) {
        return value == null || value.isBlank() ? fallback : date(field, value);
    }

    /** A period [from, to): {@code from} must come before {@code to}. */
    public static LocalDate[] period(String from, String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (!start.isBefore(end)) {
            throw HomewardException.badInput("from", "must be before to");
        }
        return new LocalDate[] {start, end};
    }

    public static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(BusinessTime.PLATFORM_ZONE).toOffsetDateTime();
    }

    public static LocalDate today() {
        return LocalDate.now(BusinessTime.PLATFORM_ZONE);
    }

    private DateParams() {
    }
}
