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
            return inRange(field, LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw HomewardException.badInput(field, "must be a date YYYY-MM-DD");
        }
    }

    public static LocalDate dateOr(String field, String value, LocalDate fallback) {
        return value == null || value.isBlank() ? fallback : date(field, value);
    }

    /** A date query parameter already read as a date (null when absent or blank): required, in range. */
    public static LocalDate required(String field, LocalDate date) {
        if (date == null) {
            throw HomewardException.badInput(field, "is required (YYYY-MM-DD)");
        }
        return inRange(field, date);
    }

    /** A date the platform can hold (1950 to 2200), or null when none was given. */
    public static LocalDate inRange(String field, LocalDate date) {
        if (date != null && (date.getYear() < 1950 || date.getYear() > 2200)) {
            throw HomewardException.badInput(field, "is out of range");
        }
        return date;
    }

    public static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(BusinessTime.PLATFORM_ZONE).toOffsetDateTime();
    }

    public static LocalDate today() {
        return LocalDate.now(BusinessTime.PLATFORM_ZONE);
    }

    private DateParams() {}
}
