package org.homeward.reporting.report;

import org.homeward.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.homeward.platform.export.SpreadsheetWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
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
    public ReportQueries.Retention retention(@QueryParam("asOf") String asOf, @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        LocalDate day = DateParams.date("asOf", asOf);
        return facts.inLive(known, c -> queries.retention(c, day, station));
    }

    /** The stays behind a retention figure (drill-down). */
    @GET
    @Path("retention/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.Member> retentionMembers(@QueryParam("asOf") String asOf, @QueryParam("figure") String figure,
                                                      @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        LocalDate day = DateParams.date("asOf", asOf);
        audit.record(caller, "DRILL_DOWN", "retention/" + figure + "@" + asOf + (station == null ? "" : "/" + station));
        return facts.inLive(known, c -> queries.retentionMembers(c, day, figure == null ? "" : figure, station));
    }

    /** Retention at the first of each month in [from, to]: the dashboard's line chart. */
    @GET
    @Path("retention-series")
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.Retention> retentionSeries(@QueryParam("from") String from, @QueryParam("to") String to,
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
    public List<Reports.MonthCount> familySearchMonthly(@QueryParam("from") String from, @QueryParam("to") String to,
                                                @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.familySearchMonthly(c, period.from(), period.to(), station));
    }

    @GET
    @Path("retention-change")
    public Reports.RetentionChange retentionChange(@QueryParam("from") String from, @QueryParam("to") String to,
                                                   @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        return facts.inLive(known, c -> reports.retentionChange(c, period.from(), period.to(), station));
    }

    @GET
    @Path("family-search")
    public Reports.FamilySearch familySearch(@QueryParam("from") String from, @QueryParam("to") String to,
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
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.Success> familySearchMembers(@QueryParam("from") String from, @QueryParam("to") String to,
                                                          @QueryParam("stationId") String station,
                                                          @QueryParam("channel") String channel,
                                                          @QueryParam("retained") String retained,
                                                          @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        String leadChannel = leadChannel(channel);
        if (retained != null && !retained.isBlank() && !List.of("true", "false").contains(retained)) {
            throw HomewardException.badInput("retained", "must be true or false");
        }
        drillDown("family-search", from, to, station);
        // one bar of the dashboard: a channel's successes, or the retained ones
        return facts.inLive(known, c -> queries.successes(c, period.from(), period.to(), station)).stream()
                .filter(s -> leadChannel == null || leadChannel.equals(s.channel()))
                .filter(s -> retained == null || retained.isBlank() || s.retained() == Boolean.parseBoolean(retained)).toList();
    }

    @GET
    @Path("notices")
    public Reports.Notices notices(@QueryParam("from") String from, @QueryParam("to") String to,
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
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.FirstNotice> noticeMembers(@QueryParam("from") String from, @QueryParam("to") String to,
                                                         @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        drillDown("notices", from, to, station);
        return facts.inLive(known, c -> queries.firstNotices(c, period.from(), period.to(), station));
    }

    /** The street cases behind the outreach figures (drill-down). */
    @GET
    @Path("outreach/members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.StreetCaseMember> outreachMembers(@QueryParam("from") String from, @QueryParam("to") String to,
                                                                @QueryParam("programKind") String programKind,
                                                                @QueryParam("partnerId") String partnerId,
                                                                @QueryParam("programId") String programId,
                                                                @QueryParam("stationId") String station,
                                                                @QueryParam("figure") String figure,
                                                                @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        String kind = kind(programKind);
        UUID program = uuid("programId", programId);
        String which = figure == null || figure.isBlank() ? "" : figure;
        if (!List.of("", "identified", "rescued").contains(which)) {
            throw HomewardException.badInput("figure", "must be identified or rescued");
        }
        drillDown("outreach" + (which.isEmpty() ? "" : "/" + which), from, to, station);
        java.time.OffsetDateTime start = DateParams.startOf(period.from());
        java.time.OffsetDateTime end = DateParams.startOf(period.to());
        // a case is in the list if identified or rescued in the period; a figure counts only its own
        java.util.function.Predicate<java.time.OffsetDateTime> inPeriod = t -> t != null && !t.isBefore(start) && t.isBefore(end);
        return facts.inLive(known, c -> queries.outreachMembers(c, period.from(), period.to(), kind, partnerId, program, station)).stream()
                .filter(m -> which.isEmpty() || inPeriod.test(which.equals("identified") ? m.identifiedAt() : m.rescuedAt()))
                .toList();
    }

    @GET
    @Path("outreach")
    public Reports.Outreach outreach(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("programKind") String programKind, @QueryParam("partnerId") String partnerId,
                                     @QueryParam("programId") String programId, @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = Period.parse(from, to);
        String kind = kind(programKind);
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
    public Reports.Resources resources(@QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        return facts.inLive(known, c -> reports.resources(c, station));
    }

    /** The station's flow over [from, to): admissions, exits, placement rate, turnover, length of stay (docs/definitions.md). */
    @GET
    @Path("flow")
    public Reports.Flow flow(@QueryParam("from") String from, @QueryParam("to") String to,
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
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX}) // a table: JSON, or .xlsx on Accept
    public List<ReportQueries.FlowMember> flowMembers(@QueryParam("from") String from, @QueryParam("to") String to,
                                                      @QueryParam("figure") String figure,
                                                      @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        Period period = flowPeriod(from, to);
        String which = figure == null ? "" : figure;
        if (!List.of("admissions", "exits", "finalPlacements", "exitsPast10Days", "exitsPast3Months", "inEntrustedCare",
                "inHospital").contains(which)) {
            throw HomewardException.badInput("figure", "must be admissions, exits, finalPlacements, exitsPast10Days, "
                    + "exitsPast3Months, inEntrustedCare or inHospital");
        }
        drillDown("flow/" + which, from, to, station);
        return facts.inLive(known, c -> switch (which) {
            case "admissions" -> queries.admissions(c, period.from(), period.to(), station);
            case "exits" -> queries.exits(c, period.from(), period.to(), station);
            case "finalPlacements" -> queries.exits(c, period.from(), period.to(), station).stream()
                    .filter(m -> org.homeward.events.intake.ExitType.PLACED_IN_CARE.name().equals(m.exitType())).toList();
            case "exitsPast10Days" -> queries.exits(c, period.from(), period.to(), station).stream()
                    .filter(Reports::stayedPast10Days).toList();
            case "exitsPast3Months" -> queries.exits(c, period.from(), period.to(), station).stream()
                    .filter(Reports::stayedPast3Months).toList();
            case "inEntrustedCare" -> queries.inEntrustedCare(c, period.to(), station);
            default -> queries.inHospital(c, period.to(), station);
        });
    }

    private static Period flowPeriod(String from, String to) {
        Period period = Period.parse(from, to);
        if (period.from().plusYears(20).isBefore(period.to())) {
            throw HomewardException.badInput("to", "a flow period spans at most 20 years");
        }
        return period;
    }

    /** Every look at the people behind a figure leaves a trace. */
    private void drillDown(String figure, String from, String to, String station) {
        audit.record(caller, "DRILL_DOWN", figure + "@" + from + ".." + to + (station == null ? "" : "/" + station));
    }

    static String kind(String programKind) {
        if (programKind == null || programKind.isBlank()) {
            return null;
        }
        try {
            return ProgramKind.valueOf(programKind).name();
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("programKind", "must be one of " + List.of(ProgramKind.values()));
        }
    }

    static String leadChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        try {
            return org.homeward.events.search.LeadChannel.valueOf(channel).name();
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("channel", "must be one of " + List.of(org.homeward.events.search.LeadChannel.values()));
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
