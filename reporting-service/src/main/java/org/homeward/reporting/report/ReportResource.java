package org.homeward.reporting.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.ExitType;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.search.LeadChannel;
import org.homeward.platform.export.RowStream;
import org.homeward.platform.export.RowStreamCsvWriter;
import org.homeward.platform.export.SpreadsheetWriter;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Period;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/** The bureau's figures, for any date or period, from the live facts. */
@Path("/api/reports")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class ReportResource {
    private final FactSchemas facts;
    private final ReportQueries queries;
    private final Reports reports;
    private final AuditLog audit;
    private final Caller caller;

    public ReportResource(FactSchemas facts, ReportQueries queries, Reports reports, AuditLog audit, Caller caller) {
        this.facts = facts;
        this.queries = queries;
        this.reports = reports;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("retention")
    public ReportQueries.Retention retention(
            @QueryParam("asOf") String asOf,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        LocalDate day = DateParams.date("asOf", asOf);
        return facts.inLive(known, c -> queries.retention(c, day, station));
    }

    /** The stays behind a retention figure (drill-down). */
    @GET
    @Path("retention/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description = "The stays behind the figure (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ReportQueries.Member.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<ReportQueries.Member> retentionMembers(
            @QueryParam("asOf") String asOf,
            @QueryParam("figure") String figure,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        LocalDate day = DateParams.date("asOf", asOf);
        String which = figure == null ? "" : figure;
        ReportQueries.requireRetentionFigure(which);
        audit.record(caller, "DRILL_DOWN", "retention/" + figure + "@" + asOf + (station == null ? "" : "/" + station));
        return stream(
                ReportQueries.Member.class, known, (c, each) -> queries.retentionMembers(c, day, which, station, each));
    }

    /** Retention at the first of each month in [from, to]: the dashboard's line chart. */
    @GET
    @Path("retention-series")
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    @APIResponse(
            responseCode = "200",
            description = "Retention at the first of each month (JSON), or the same table as .xlsx",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ReportQueries.Retention.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX)
            })
    public List<ReportQueries.Retention> retentionSeries(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        if (period.from().plusYears(20).isBefore(period.to())) {
            throw HomewardException.badInput("to", "a series spans at most 20 years");
        }
        return facts.inLive(known, c -> reports.retentionSeries(c, period.from(), period.to(), station));
    }

    /** Family-search successes per calendar month in [from, to). */
    @GET
    @Path("family-search/monthly")
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    @APIResponse(
            responseCode = "200",
            description = "Successes per month (JSON), or the same table as .xlsx",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.MonthCount.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX)
            })
    public List<Reports.MonthCount> familySearchMonthly(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.familySearchMonthly(c, period.from(), period.to(), station));
    }

    @GET
    @Path("retention-change")
    public Reports.RetentionChange retentionChange(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.retentionChange(c, period.from(), period.to(), station));
    }

    @GET
    @Path("family-search")
    public Reports.FamilySearch familySearch(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.familySearch(c, period.from(), period.to(), station));
    }

    /** The successes behind the family-search figures (drill-down). */
    @GET
    @Path("family-search/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description =
                    "The successes behind the figure (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ReportQueries.Success.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<ReportQueries.Success> familySearchMembers(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("channel") LeadChannel channel,
            @QueryParam("retained") String retained,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        String leadChannel = channel == null ? null : channel.name();
        if (retained != null && !retained.isBlank() && !List.of("true", "false").contains(retained)) {
            throw HomewardException.badInput("retained", "must be true or false");
        }
        drillDown("family-search", from, to, station);
        // one bar of the dashboard: a channel's successes, or the retained ones
        return stream(
                ReportQueries.Success.class,
                known,
                (c, each) -> queries.successes(c, period.from(), period.to(), station, s -> {
                    if ((leadChannel == null || leadChannel.equals(s.channel()))
                            && (retained == null
                                    || retained.isBlank()
                                    || s.retained() == Boolean.parseBoolean(retained))) {
                        each.accept(s);
                    }
                }));
    }

    @GET
    @Path("notices")
    public Reports.Notices notices(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.notices(c, period.from(), period.to(), station));
    }

    /** The persons behind the notices figure (drill-down). */
    @GET
    @Path("notices/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description =
                    "The persons behind the figure (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ReportQueries.FirstNotice.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<ReportQueries.FirstNotice> noticeMembers(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        drillDown("notices", from, to, station);
        return stream(
                ReportQueries.FirstNotice.class,
                known,
                (c, each) -> queries.firstNotices(c, period.from(), period.to(), station, each));
    }

    /** The street cases behind the outreach figures (drill-down). */
    @GET
    @Path("outreach/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description =
                    "The street cases behind the figure (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = ReportQueries.StreetCaseMember.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<ReportQueries.StreetCaseMember> outreachMembers(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("programKind") ProgramKind kind,
            @QueryParam("partnerId") String partnerId,
            @QueryParam("programId") String programId,
            @QueryParam("stationId") String station,
            @QueryParam("figure") String figure,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        UUID program = uuid("programId", programId);
        String which = figure == null || figure.isBlank() ? "" : figure;
        if (!List.of("", "identified", "rescued").contains(which)) {
            throw HomewardException.badInput("figure", "must be identified or rescued");
        }
        drillDown("outreach" + (which.isEmpty() ? "" : "/" + which), from, to, station);
        OffsetDateTime start = DateParams.startOf(period.from());
        OffsetDateTime end = DateParams.startOf(period.to());
        // a case is in the list if identified or rescued in the period; a figure counts only its own
        Predicate<OffsetDateTime> inPeriod = t -> t != null && !t.isBefore(start) && t.isBefore(end);
        return stream(
                ReportQueries.StreetCaseMember.class,
                known,
                (c, each) ->
                        queries.outreachMembers(c, period.from(), period.to(), kind, partnerId, program, station, m -> {
                            if (which.isEmpty()
                                    || inPeriod.test(which.equals("identified") ? m.identifiedAt() : m.rescuedAt())) {
                                each.accept(m);
                            }
                        }));
    }

    @GET
    @Path("outreach")
    public Reports.Outreach outreach(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("programKind") ProgramKind kind,
            @QueryParam("partnerId") String partnerId,
            @QueryParam("programId") String programId,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        UUID program = uuid("programId", programId);
        return facts.inLive(known, c -> {
            if (partnerId != null && !queries.partnerKnown(c, partnerId)) {
                throw HomewardException.badInput("partnerId", "unknown partner " + partnerId);
            }
            return reports.outreach(c, period.from(), period.to(), kind, partnerId, program, station);
        });
    }

    @GET
    @Path("resources")
    public Reports.Resources resources(@QueryParam("stationId") String station, @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        return facts.inLive(known, c -> reports.resources(c, station));
    }

    /** The station's flow over [from, to): admissions, exits, placement rate, turnover, length of stay (docs/definitions.md). */
    @GET
    @Path("flow")
    public Reports.Flow flow(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = flowPeriod(from, to);
        return facts.inLive(known, c -> reports.flow(c, period.from(), period.to(), station));
    }

    /**
     * The stays behind a flow figure (drill-down): admissions, exits, finalPlacements, exitsPast10Days,
     * exitsPast3Months (exits by length of stay), inEntrustedCare, inHospital.
     */
    @GET
    @Path("flow/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description = "The stays behind the figure (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ReportQueries.FlowMember.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<ReportQueries.FlowMember> flowMembers(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("figure") String figure,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = flowPeriod(from, to);
        String which = figure == null ? "" : figure;
        if (!List.of(
                        "admissions",
                        "exits",
                        "finalPlacements",
                        "exitsPast10Days",
                        "exitsPast3Months",
                        "inEntrustedCare",
                        "inHospital")
                .contains(which)) {
            throw HomewardException.badInput(
                    "figure",
                    "must be admissions, exits, finalPlacements, exitsPast10Days, "
                            + "exitsPast3Months, inEntrustedCare or inHospital");
        }
        drillDown("flow/" + which, from, to, station);
        return stream(ReportQueries.FlowMember.class, known, (c, each) -> {
            switch (which) {
                case "admissions" -> queries.admissions(c, period.from(), period.to(), station, each);
                case "exits" -> queries.exits(c, period.from(), period.to(), station, each);
                case "finalPlacements" ->
                    queries.exits(c, period.from(), period.to(), station, m -> {
                        if (ExitType.PLACED_IN_CARE.name().equals(m.exitType())) {
                            each.accept(m);
                        }
                    });
                case "exitsPast10Days" ->
                    queries.exits(c, period.from(), period.to(), station, m -> {
                        if (Reports.stayedPast10Days(m)) {
                            each.accept(m);
                        }
                    });
                case "exitsPast3Months" ->
                    queries.exits(c, period.from(), period.to(), station, m -> {
                        if (Reports.stayedPast3Months(m)) {
                            each.accept(m);
                        }
                    });
                case "inEntrustedCare" -> queries.inEntrustedCare(c, period.to(), station, each);
                default -> queries.inHospital(c, period.to(), station, each);
            }
        });
    }

    private static Period flowPeriod(String from, String to) {
        Period period = Period.parse(from, to);
        if (period.from().plusYears(20).isBefore(period.to())) {
            throw HomewardException.badInput("to", "a flow period spans at most 20 years");
        }
        return period;
    }

    /** A list read from the live facts (as known at knownAt) while the response is written: never held whole. */
    private <T> RowStream<T> stream(Class<T> row, KnownAt known, Rows<T> rows) {
        return RowStream.of(
                row,
                each -> facts.inLive(known, c -> {
                    rows.into(c, each);
                    return null;
                }));
    }

    /** A query writing its rows into a sink. */
    @FunctionalInterface
    interface Rows<T> {
        void into(Connection c, Consumer<? super T> each) throws SQLException;
    }

    /** Every look at the people behind a figure leaves a trace. */
    private void drillDown(String figure, String from, String to, String station) {
        audit.record(caller, "DRILL_DOWN", figure + "@" + from + ".." + to + (station == null ? "" : "/" + station));
    }

    static ProgramKind kind(String programKind) {
        if (programKind == null || programKind.isBlank()) {
            return null;
        }
        try {
            return ProgramKind.valueOf(programKind);
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("programKind", "must be one of " + List.of(ProgramKind.values()));
        }
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput(field, "must be a UUID");
        }
    }
}
