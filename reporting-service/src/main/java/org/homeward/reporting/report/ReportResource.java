package org.homeward.reporting.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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
import java.util.function.UnaryOperator;
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
    public ReportQueries.Retention retention(@BeanParam ReportDayParams query) {
        KnownAt known = query.knownAt(facts);
        LocalDate day = query.day();
        return facts.inLive(known, c -> queries.retention(c, day, query.station()));
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
            @BeanParam ReportDayParams query, @QueryParam("figure") String figure) {
        KnownAt known = query.knownAt(facts);
        LocalDate day = query.day();
        String which = figure == null ? "" : figure;
        ReportQueries.requireRetentionFigure(which);
        audit.record(caller, "DRILL_DOWN", query.target("retention/" + figure));
        return stream(
                ReportQueries.Member.class,
                known,
                (c, each) -> queries.retentionMembers(c, day, which, query.station(), each));
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
    public List<ReportQueries.Retention> retentionSeries(@BeanParam ReportPeriodParams query) {
        return over(query, p -> p.atMostYears(20, "a series"), reports::retentionSeries);
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
    public List<Reports.MonthCount> familySearchMonthly(@BeanParam ReportPeriodParams query) {
        return over(query, reports::familySearchMonthly);
    }

    @GET
    @Path("retention-change")
    public Reports.RetentionChange retentionChange(@BeanParam ReportPeriodParams query) {
        return over(query, reports::retentionChange);
    }

    @GET
    @Path("family-search")
    public Reports.FamilySearch familySearch(@BeanParam ReportPeriodParams query) {
        return over(query, reports::familySearch);
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
            @BeanParam ReportPeriodParams query,
            @QueryParam("channel") LeadChannel channel,
            @QueryParam("retained") String retained) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        String leadChannel = channel == null ? null : channel.name();
        if (retained != null && !retained.isBlank() && !List.of("true", "false").contains(retained)) {
            throw HomewardException.badInput("retained", "must be true or false");
        }
        drillDown(query.target("family-search"));
        // one bar of the dashboard: a channel's successes, or the retained ones
        return stream(
                ReportQueries.Success.class,
                known,
                (c, each) -> queries.successes(c, period.from(), period.to(), query.station(), s -> {
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
    public Reports.Notices notices(@BeanParam ReportPeriodParams query) {
        return over(query, reports::notices);
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
    public RowStream<ReportQueries.FirstNotice> noticeMembers(@BeanParam ReportPeriodParams query) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        drillDown(query.target("notices"));
        return stream(
                ReportQueries.FirstNotice.class,
                known,
                (c, each) -> queries.firstNotices(c, period.from(), period.to(), query.station(), each));
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
            @BeanParam ReportPeriodParams query,
            @QueryParam("programKind") ProgramKind kind,
            @QueryParam("partnerId") String partnerId,
            @QueryParam("programId") String programId,
            @QueryParam("figure") String figure) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        UUID program = uuid("programId", programId);
        String which = figure == null || figure.isBlank() ? "" : figure;
        if (!List.of("", "identified", "rescued").contains(which)) {
            throw HomewardException.badInput("figure", "must be identified or rescued");
        }
        drillDown(query.target("outreach" + (which.isEmpty() ? "" : "/" + which)));
        OffsetDateTime start = period.start();
        OffsetDateTime end = period.end();
        // a case is in the list if identified or rescued in the period; a figure counts only its own
        Predicate<OffsetDateTime> inPeriod = t -> t != null && !t.isBefore(start) && t.isBefore(end);
        return stream(
                ReportQueries.StreetCaseMember.class,
                known,
                (c, each) -> queries.outreachMembers(
                        c, period.from(), period.to(), kind, partnerId, program, query.station(), m -> {
                            if (which.isEmpty()
                                    || inPeriod.test(which.equals("identified") ? m.identifiedAt() : m.rescuedAt())) {
                                each.accept(m);
                            }
                        }));
    }

    @GET
    @Path("outreach")
    public Reports.Outreach outreach(
            @BeanParam ReportPeriodParams query,
            @QueryParam("programKind") ProgramKind kind,
            @QueryParam("partnerId") String partnerId,
            @QueryParam("programId") String programId) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        UUID program = uuid("programId", programId);
        return facts.inLive(known, c -> {
            if (partnerId != null && !queries.partnerKnown(c, partnerId)) {
                throw HomewardException.badInput("partnerId", "unknown partner " + partnerId);
            }
            return reports.outreach(c, period.from(), period.to(), kind, partnerId, program, query.station());
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
    public Reports.Flow flow(@BeanParam ReportPeriodParams query) {
        return over(query, p -> p.atMostYears(20, "a flow period"), reports::flow);
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
            @BeanParam ReportPeriodParams query, @QueryParam("figure") String figure) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period().atMostYears(20, "a flow period");
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
        drillDown(query.target("flow/" + which));
        return stream(ReportQueries.FlowMember.class, known, (c, each) -> {
            switch (which) {
                case "admissions" -> queries.admissions(c, period.from(), period.to(), query.station(), each);
                case "exits" -> queries.exits(c, period.from(), period.to(), query.station(), each);
                case "finalPlacements" ->
                    queries.exits(c, period.from(), period.to(), query.station(), m -> {
                        if (ExitType.PLACED_IN_CARE.name().equals(m.exitType())) {
                            each.accept(m);
                        }
                    });
                case "exitsPast10Days" ->
                    queries.exits(c, period.from(), period.to(), query.station(), m -> {
                        if (Reports.stayedPast10Days(m)) {
                            each.accept(m);
                        }
                    });
                case "exitsPast3Months" ->
                    queries.exits(c, period.from(), period.to(), query.station(), m -> {
                        if (Reports.stayedPast3Months(m)) {
                            each.accept(m);
                        }
                    });
                case "inEntrustedCare" -> queries.inEntrustedCare(c, period.to(), query.station(), each);
                default -> queries.inHospital(c, period.to(), query.station(), each);
            }
        });
    }

    /** A figure over the asked period, from the live facts as known at knownAt. */
    private <T> T over(ReportPeriodParams query, Figure<T> figure) {
        return over(query, p -> p, figure);
    }

    /** The same, {@code limit} refusing a period too long for the figure. */
    private <T> T over(ReportPeriodParams query, UnaryOperator<Period> limit, Figure<T> figure) {
        KnownAt known = query.knownAt(facts);
        Period period = limit.apply(query.period());
        return facts.inLive(known, c -> figure.of(c, period.from(), period.to(), query.station()));
    }

    /** A report's figure over [from, to) of a station (null: all). */
    @FunctionalInterface
    interface Figure<T> {
        T of(Connection c, LocalDate from, LocalDate to, String station) throws SQLException;
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
    private void drillDown(String target) {
        audit.record(caller, "DRILL_DOWN", target);
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
