package org.homeward.reporting.report;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.homeward.platform.web.Period;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/**
 * The query of a report over a period, read once for every report resource (ADR 42): {@code from} and
 * {@code to} (YYYY-MM-DD, read by the platform's converters; missing, malformed, reversed or out of range
 * is 400 naming the parameter), {@code stationId} (blank or absent: every station) and {@code knownAt}
 * (blank or absent: as known now).
 */
public class ReportPeriodParams {
    @QueryParam("from")
    LocalDate from;

    @QueryParam("to")
    LocalDate to;

    @QueryParam("stationId")
    String stationId;

    @QueryParam("knownAt")
    String knownAt;

    /** [from, to) as asked. */
    public Period period() {
        return Period.of(from, to);
    }

    /** The station asked for, or null for every station. */
    public String station() {
        return given(stationId);
    }

    /** The time the facts are read as known at (null: now). */
    public KnownAt knownAt(FactSchemas facts) {
        return facts.knownAt("knownAt", knownAt);
    }

    /** What the audit trail records of a drill-down: the figure, the period and the station. */
    public String target(String figure) {
        String station = station();
        return figure + "@" + from + ".." + to + (station == null ? "" : "/" + station);
    }

    /** A text parameter, blank as absent (the report catalog's rule too). */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
