package org.homeward.reporting.report;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.homeward.platform.web.DateParams;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/**
 * The query of a report on one day, read once for every report resource (ADR 42): {@code asOf}
 * (YYYY-MM-DD, read by the platform's converters; missing, malformed or out of range is 400 naming it),
 * {@code stationId} (blank or absent: every station) and {@code knownAt} (blank or absent: as known now).
 */
public class ReportDayParams {
    @QueryParam("asOf")
    LocalDate asOf;

    @QueryParam("stationId")
    String stationId;

    @QueryParam("knownAt")
    String knownAt;

    /** The day asked for. */
    public LocalDate day() {
        return DateParams.required("asOf", asOf);
    }

    /** The station asked for, or null for every station. */
    public String station() {
        return ReportPeriodParams.given(stationId);
    }

    /** The time the facts are read as known at (null: now). */
    public KnownAt knownAt(FactSchemas facts) {
        return facts.knownAt("knownAt", knownAt);
    }

    /** What the audit trail records of a drill-down: the figure, the day and the station. */
    public String target(String figure) {
        String station = station();
        return figure + "@" + asOf + (station == null ? "" : "/" + station);
    }
}
