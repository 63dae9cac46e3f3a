package org.homeward.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.reporting.facts.FactSchemas;

/**
 * The exact definitions of docs/definitions.md as SQL over the facts (run inside {@code FactSchemas.inLive}).
 * All times are business times; a date means its start in the platform time zone. A person is every record
 * that reads as them: a record merged into a survivor counts as the survivor while the merge holds (ADR 23).
 */
@ApplicationScoped
public class ReportQueries {
    /** The outcomes that count as rescued (成功救助), as an SQL list: StreetOutcome.rescued() is the one rule. */
    static final String RESCUED = Arrays.stream(StreetOutcome.values())
            .filter(StreetOutcome::rescued)
            .map(o -> "'" + o.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    public record Retention(
            LocalDate asOf,
            long inStation,
            long retained10Days,
            long retained3Months,
            long unidentifiedRetained3Months) {}

    public record Member(UUID stayId, UUID personId, OffsetDateTime admittedAt) {}

    public record Success(
            UUID caseId,
            UUID personId,
            String channel,
            String partnerId,
            String firstLeadChannel,
            OffsetDateTime occurredAt,
            String stationId,
            boolean retained) {}

    public record FirstNotice(UUID personId, OffsetDateTime firstAt, String stationId) {}

    public record StreetCounts(long identified, long rescued) {}

    /** A programme kind as the facts hold it (its name), null for any. */
    private static String kindName(ProgramKind kind) {
        return kind == null ? null : kind.name();
    }

    /** A partner running a team of its own (社会力量), named as registered (its id when no name is known). */
    public record PartnerTeam(String partnerId, String name) {}

    /** The partners with a team programme of the station (or of all stations), by id. */
    public List<PartnerTeam> partnerTeams(Connection c, String station) throws SQLException {
        return Sql.list(
                c,
                "SELECT DISTINCT p.partner_id, coalesce(pa.name, p.partner_id) FROM program p "
                        + "LEFT JOIN partner pa ON pa.partner_id = p.partner_id WHERE p.kind = ? "
                        + "AND (?::text IS NULL OR p.station_id = ?) ORDER BY 1",
                rs -> new PartnerTeam(rs.getString(1), rs.getString(2)),
                ProgramKind.PARTNER_TEAM.name(),
                station,
                station);
    }

    /** The station's registered name, if the facts know it. */
    public Optional<String> stationName(Connection c, String station) throws SQLException {
        return Sql.one(c, "SELECT name FROM station WHERE station_id = ?", rs -> rs.getString(1), station);
    }

    public record StationFigures(long stations, Long population, BigDecimal areaKm2) {}

    /**
     * A stay's time in the station, [admitted, discharged), open-ended while it lasts: "in the station at t" is
     * {@code admitted_at <= t AND (discharged_at IS NULL OR discharged_at > t)}, asked as one range containing t so
     * the GiST indexes stay_in_station_cover and stay_station_in_station answer it (ADR 34, 37). A discharge before the admission is an empty range,
     * as it matches no t either way. The expression is the index's, word for word.
     */
    static final String STAY_PERIOD = "tstzrange(s.admitted_at, CASE WHEN s.discharged_at < s.admitted_at "
            + "THEN s.admitted_at ELSE s.discharged_at END)";
    /** Who is in the station at the start of {@code asOf}, one timestamp parameter, then the station twice. */
    private static final String IN_STATION = "FROM stay s WHERE s.admitted_at IS NOT NULL AND " + STAY_PERIOD
            + " @> ?::timestamptz AND (?::text IS NULL OR s.station_id = ?)";
    /**
     * A person's records (ADR 23, 31): person_records in FROM, so PostgreSQL inlines it rather than calling it per
     * row, and only for a person a merge that holds names: anyone else is their own only record (ADR 37; the
     * recursion's start, survivor_of, is a function call per row, which cost most of a national report).
     */
    static String records(String person) {
        return "(SELECT " + person + " WHERE NOT " + inAMerge(person) + " UNION ALL SELECT pr.id FROM person_records("
                + person + ") pr(id) WHERE " + inAMerge(person) + ")";
    }

    /** A merge that holds names the person, as merged or as survivor (the rows person_records follows). */
    private static String inAMerge(String person) {
        return "EXISTS (SELECT 1 FROM person_merge pm WHERE (pm.merged_person_id = " + person + " OR pm.survivor_id = "
                + person + ") AND " + FactSchemas.holds("pm") + ")";
    }

    /**
     * survivor_of(person), called only for a record a merge that holds names as merged: every other record is its
     * own survivor (the recursion's first step finds nothing). The same value; the call per row was most of the
     * national family search and notices (ADR 37).
     */
    static String survivor(String person) {
        return "CASE WHEN EXISTS (SELECT 1 FROM person_merge sm WHERE sm.merged_person_id = " + person + " AND "
                + FactSchemas.holds("sm") + ") THEN survivor_of(" + person + ") ELSE " + person + " END";
    }

    /**
     * No record of the stay's person confirmed by t (one parameter). A person is always among their own records,
     * and one in no merge that holds has no other: their own confirmations are probed first (an index lookup),
     * and only a person in a merge pays for the records' union (ADR 34). The same set as asking the union alone.
     */
    private static final String UNIDENTIFIED = "NOT EXISTS (SELECT 1 FROM identity_confirmation ic "
            + "WHERE ic.person_id = s.person_id AND ic.confirmed_at <= ?) "
            + "AND (NOT " + inAMerge("s.person_id") + " "
            + "OR NOT EXISTS (SELECT 1 FROM identity_confirmation ic WHERE ic.person_id IN " + records("s.person_id")
            + " AND ic.confirmed_at <= ?))";

    public Retention retention(Connection c, LocalDate asOf, String station) throws SQLException {
        OffsetDateTime t = DateParams.startOf(asOf);
        OffsetDateTime tenDays =
                t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).minusDays(10).toOffsetDateTime();
        OffsetDateTime threeMonths =
                t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).minusMonths(3).toOffsetDateTime();
        return Sql.one(
                        c,
                        "SELECT count(*), count(*) FILTER (WHERE s.admitted_at <= ?), "
                                + "count(*) FILTER (WHERE s.admitted_at <= ?), "
                                + "count(*) FILTER (WHERE s.admitted_at <= ? AND " + UNIDENTIFIED + ") " + IN_STATION,
                        rs -> new Retention(asOf, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                        tenDays,
                        threeMonths,
                        threeMonths,
                        t,
                        t,
                        t,
                        station,
                        station)
                .orElseThrow();
    }

    /** The retention figures a drill-down names. */
    public static final List<String> RETENTION_FIGURES =
            List.of("inStation", "retained10Days", "retained3Months", "unidentifiedRetained3Months");

    public static void requireRetentionFigure(String figure) {
        if (!RETENTION_FIGURES.contains(figure)) {
            throw badRetentionFigure();
        }
    }

    private static RuntimeException badRetentionFigure() {
        return HomewardException.badInput("figure", "must be one of " + RETENTION_FIGURES);
    }

    /** The stays behind one retention figure, as a list (the scale benchmark times it). */
    public List<Member> retentionMembers(Connection c, LocalDate asOf, String figure, String station)
            throws SQLException {
        List<Member> rows = new ArrayList<>();
        retentionMembers(c, asOf, figure, station, rows::add);
        return rows;
    }

    /** The stays behind one retention figure. */
    public void retentionMembers(
            Connection c, LocalDate asOf, String figure, String station, Consumer<? super Member> each)
            throws SQLException {
        OffsetDateTime t = DateParams.startOf(asOf);
        var zoned = t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE);
        String extra;
        Object[] args;
        switch (figure) {
            case "inStation" -> {
                extra = "";
                args = new Object[] {t, station, station};
            }
            case "retained10Days" -> {
                extra = " AND s.admitted_at <= ?";
                args = new Object[] {t, station, station, zoned.minusDays(10).toOffsetDateTime()};
            }
            case "retained3Months" -> {
                extra = " AND s.admitted_at <= ?";
                args = new Object[] {t, station, station, zoned.minusMonths(3).toOffsetDateTime()};
            }
            case "unidentifiedRetained3Months" -> {
                extra = " AND s.admitted_at <= ? AND " + UNIDENTIFIED;
                args = new Object[] {t, station, station, zoned.minusMonths(3).toOffsetDateTime(), t, t};
            }
            default -> throw badRetentionFigure();
        }
        Sql.each(
                each,
                c,
                "SELECT s.stay_id, " + survivor("s.person_id") + ", s.admitted_at " + IN_STATION + extra
                        + " ORDER BY s.admitted_at",
                rs -> new Member(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class)),
                args);
    }

    /** Successes in [from, to): retained when the person then had an open stay admitted 10 or more days before. */
    public List<Success> successes(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        List<Success> rows = new ArrayList<>();
        successes(c, from, to, station, rows::add);
        return rows;
    }

    public void successes(Connection c, LocalDate from, LocalDate to, String station, Consumer<? super Success> each)
            throws SQLException {
        Sql.each(
                each,
                c,
                "SELECT * FROM (SELECT s.case_id, " + survivor("s.person_id")
                        + " AS person_id, s.channel, s.partner_id, s.first_lead_channel, "
                        + "s.occurred_at, " + stationAt("s.person_id", "s.occurred_at") + " AS station_id, "
                        + "EXISTS (SELECT 1 FROM stay st WHERE st.person_id IN " + records("s.person_id") + " "
                        + "AND st.admitted_at <= s.occurred_at - interval '10 days' "
                        + "AND (st.discharged_at IS NULL OR st.discharged_at > s.occurred_at)) AS retained "
                        + "FROM success s WHERE s.occurred_at >= ? AND s.occurred_at < ? "
                        + "AND (?::text IS NULL OR s.person_id = ANY (ARRAY" + PEOPLE_OF_STATION + "))) x "
                        + "WHERE ?::text IS NULL OR x.station_id = ? ORDER BY x.occurred_at",
                rs -> new Success(
                        rs.getObject("case_id", UUID.class),
                        rs.getObject("person_id", UUID.class),
                        rs.getString("channel"),
                        rs.getString("partner_id"),
                        rs.getString("first_lead_channel"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("station_id"),
                        rs.getBoolean("retained")),
                DateParams.startOf(from),
                DateParams.startOf(to),
                station,
                station,
                station,
                station);
    }

    /**
     * Every person id whose records (person_records) include someone with a stay at the station (one parameter):
     * the people with a stay there and, for those in a merge that holds, all their records (ADR 23, ADR 31: the
     * whole tree of merges under their survivor). A person in no merge that holds is their own only record. A
     * superset of the persons stationAt can place at the station, and a tree of merged records is in it whole or
     * not at all, so filtering on it first changes no figure (the station is still decided by stationAt); it
     * spares computing stationAt for the whole country (ADR 34). Used as {@code = ANY (ARRAY …)}: a list of values
     * the planner looks up by the person index, where {@code IN} made it scan the whole period against a hash.
     */
    private static final String PEOPLE_OF_STATION =
            "(WITH here AS (SELECT st.person_id FROM stay st WHERE st.station_id = ?) "
                    + "SELECT person_id FROM here UNION SELECT pr.id FROM here, person_records(here.person_id) pr(id) "
                    + "WHERE " + inAMerge("here.person_id") + ")";

    /** Persons whose first notice was published in [from, to). */
    public List<FirstNotice> firstNotices(Connection c, LocalDate from, LocalDate to, String station)
            throws SQLException {
        List<FirstNotice> rows = new ArrayList<>();
        firstNotices(c, from, to, station, rows::add);
        return rows;
    }

    public void firstNotices(
            Connection c, LocalDate from, LocalDate to, String station, Consumer<? super FirstNotice> each)
            throws SQLException {
        Sql.each(
                each,
                c,
                "SELECT * FROM (SELECT f.person_id, f.first_at, " + stationAt("f.person_id", "f.first_at")
                        + " AS station_id FROM (SELECT " + survivor("notice.person_id")
                        + " AS person_id, min(occurred_at) AS first_at FROM notice "
                        // a station's people first (ADR 34): a person's records are all among them or none is, so each
                        // first
                        // notice counted is still taken over all of the person's notices
                        + "WHERE ?::text IS NULL OR person_id = ANY (ARRAY" + PEOPLE_OF_STATION + ") GROUP BY 1) f "
                        + "WHERE f.first_at >= ? AND f.first_at < ?) x WHERE ?::text IS NULL OR x.station_id = ? ORDER BY x.first_at",
                rs -> new FirstNotice(
                        rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class), rs.getString(3)),
                station,
                station,
                DateParams.startOf(from),
                DateParams.startOf(to),
                station,
                station);
    }

    public record StreetCaseMember(
            UUID caseId, UUID programId, OffsetDateTime identifiedAt, OffsetDateTime rescuedAt) {}

    /** The street cases behind an outreach figure: identified or rescued in [from, to). */
    public void outreachMembers(
            Connection c,
            LocalDate from,
            LocalDate to,
            ProgramKind programKind,
            String partnerId,
            UUID programId,
            String station,
            Consumer<? super StreetCaseMember> each)
            throws SQLException {
        OffsetDateTime start = DateParams.startOf(from);
        OffsetDateTime end = DateParams.startOf(to);
        Sql.each(
                each,
                c,
                "SELECT * FROM (SELECT sc.case_id, sc.program_id, "
                        + "(SELECT min(i.occurred_at) FROM street_identification i WHERE i.case_id = sc.case_id) AS identified_at, "
                        + "CASE WHEN (SELECT o.outcome FROM street_outcome o WHERE o.case_id = sc.case_id ORDER BY o.stream_version "
                        + "DESC LIMIT 1) IN " + RESCUED + " THEN (SELECT min(o.occurred_at) FROM street_outcome o "
                        + "WHERE o.case_id = sc.case_id AND o.outcome IN " + RESCUED + ") END AS rescued_at "
                        + "FROM street_case sc JOIN program p ON p.program_id = sc.program_id "
                        + "WHERE sc.person_id IS NULL " // a case linked to a resident is counted by the station, once
                        + "AND (?::text IS NULL OR p.kind = ?) AND (?::text IS NULL OR p.partner_id = ?) "
                        + "AND (?::uuid IS NULL OR p.program_id = ?) AND (?::text IS NULL OR p.station_id = ?)) x "
                        + "WHERE (x.identified_at >= ? AND x.identified_at < ?) OR (x.rescued_at >= ? AND x.rescued_at < ?) "
                        + "ORDER BY coalesce(x.identified_at, x.rescued_at)",
                rs -> new StreetCaseMember(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)),
                kindName(programKind),
                kindName(programKind),
                partnerId,
                partnerId,
                programId,
                programId,
                station,
                station,
                start,
                end,
                start,
                end);
    }

    /** Street cases first identified, and rescued (REUNITED or REINTEGRATED, not corrected away), in [from, to). */
    public StreetCounts outreach(
            Connection c,
            LocalDate from,
            LocalDate to,
            ProgramKind programKind,
            String partnerId,
            UUID programId,
            String station)
            throws SQLException {
        OffsetDateTime start = DateParams.startOf(from);
        OffsetDateTime end = DateParams.startOf(to);
        return Sql.one(
                        c,
                        "WITH cases AS (SELECT sc.case_id, "
                                + "(SELECT min(i.occurred_at) FROM street_identification i WHERE i.case_id = sc.case_id) AS identified_at, "
                                + "(SELECT min(o.occurred_at) FROM street_outcome o WHERE o.case_id = sc.case_id "
                                + "AND o.outcome IN " + RESCUED + ") AS rescued_at, "
                                + "(SELECT o.outcome FROM street_outcome o WHERE o.case_id = sc.case_id "
                                + "ORDER BY o.stream_version DESC LIMIT 1) AS current_outcome "
                                + "FROM street_case sc JOIN program p ON p.program_id = sc.program_id "
                                + "WHERE sc.person_id IS NULL " // a case linked to a resident is counted by the
                                // station, once
                                + "AND (?::text IS NULL OR p.kind = ?) AND (?::text IS NULL OR p.partner_id = ?) "
                                + "AND (?::uuid IS NULL OR p.program_id = ?) AND (?::text IS NULL OR p.station_id = ?)) "
                                + "SELECT count(*) FILTER (WHERE identified_at >= ? AND identified_at < ?), "
                                + "count(*) FILTER (WHERE current_outcome IN " + RESCUED
                                + " AND rescued_at >= ? AND rescued_at < ?) "
                                + "FROM cases",
                        rs -> new StreetCounts(rs.getLong(1), rs.getLong(2)),
                        kindName(programKind),
                        kindName(programKind),
                        partnerId,
                        partnerId,
                        programId,
                        programId,
                        station,
                        station,
                        start,
                        end,
                        start,
                        end)
                .orElseThrow();
    }

    /** Stations counted, with the configured city figures (the largest recorded, as every station records the city's). */
    public StationFigures stations(Connection c, String station) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT count(*), max(population), max(area_km2) FROM station WHERE ?::text IS NULL OR station_id = ?",
                        rs -> new StationFigures(
                                rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getBigDecimal(3)),
                        station,
                        station)
                .orElseThrow();
    }

    public boolean partnerKnown(Connection c, String partnerId) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT 1 FROM partner WHERE partner_id = ? UNION SELECT 1 FROM program WHERE partner_id = ?",
                        rs -> true,
                        partnerId,
                        partnerId)
                .isPresent();
    }

    public Map<String, String> partnerNames(Connection c) throws SQLException {
        Map<String, String> names = new HashMap<>();
        for (String[] row : Sql.list(
                c, "SELECT partner_id, name FROM partner", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            names.put(row[0], row[1]);
        }
        return names;
    }

    /** A stay behind a flow figure: its admission, and its exit if it has one. */
    public record FlowMember(
            UUID stayId,
            UUID personId,
            String stationId,
            String arrivalChannel,
            OffsetDateTime admittedAt,
            String exitType,
            OffsetDateTime dischargedAt) {}

    private static final String FLOW_MEMBER = "SELECT s.stay_id, " + survivor("s.person_id")
            + ", s.station_id, s.arrival_channel, s.admitted_at, " + "s.exit_type, s.discharged_at FROM stay s ";

    private static FlowMember flowMember(ResultSet rs) throws SQLException {
        return new FlowMember(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class));
    }

    /** Stays admitted in [from, to). */
    public List<FlowMember> admissions(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        List<FlowMember> rows = new ArrayList<>();
        admissions(c, from, to, station, rows::add);
        return rows;
    }

    public void admissions(
            Connection c, LocalDate from, LocalDate to, String station, Consumer<? super FlowMember> each)
            throws SQLException {
        Sql.each(
                each,
                c,
                FLOW_MEMBER + "WHERE s.admitted_at >= ? AND s.admitted_at < ? "
                        + "AND (?::text IS NULL OR s.station_id = ?) ORDER BY s.admitted_at, s.stay_id",
                ReportQueries::flowMember,
                DateParams.startOf(from),
                DateParams.startOf(to),
                station,
                station);
    }

    /** Stays that ended (any exit type) in [from, to). */
    public List<FlowMember> exits(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        List<FlowMember> rows = new ArrayList<>();
        exits(c, from, to, station, rows::add);
        return rows;
    }

    public void exits(Connection c, LocalDate from, LocalDate to, String station, Consumer<? super FlowMember> each)
            throws SQLException {
        Sql.each(
                each,
                c,
                FLOW_MEMBER + "WHERE s.discharged_at >= ? AND s.discharged_at < ? AND s.admitted_at IS NOT NULL "
                        + "AND (?::text IS NULL OR s.station_id = ?) ORDER BY s.discharged_at, s.stay_id",
                ReportQueries::flowMember,
                DateParams.startOf(from),
                DateParams.startOf(to),
                station,
                station);
    }

    /**
     * Person-days in the station over [from, to): for each day of the period, the people in the
     * station at its start (the retention definition's inStation), summed. Counted per stay rather than per
     * day (ADR 34): a stay is in the station at the start of every day from the first day starting at or after
     * its admission to the last one starting before its discharge, so it adds the days of that run that fall in
     * the period. Timestamps are exact to the microsecond, so the first day starting at or after x is the day of
     * x less a microsecond, plus one.
     */
    public long personDays(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        String firstDayAdmitted = firstDayFrom("s.admitted_at");
        String firstDayDischarged = firstDayFrom("s.discharged_at");
        return Sql.one(
                        c,
                        "SELECT coalesce(sum(greatest(0, least(?::date, CASE WHEN s.discharged_at IS NULL THEN ?::date "
                                + "ELSE " + firstDayDischarged + " END) - greatest(?::date, " + firstDayAdmitted
                                + "))), 0) "
                                + "FROM stay s WHERE s.admitted_at IS NOT NULL AND " + STAY_PERIOD
                                + " && tstzrange(?::timestamptz, ?::timestamptz) "
                                + "AND (?::text IS NULL OR s.station_id = ?)",
                        rs -> rs.getLong(1),
                        to,
                        to,
                        from,
                        DateParams.startOf(from),
                        DateParams.startOf(to),
                        station,
                        station)
                .orElseThrow();
    }

    /** The first day (platform zone) that starts at or after the instant {@code column}. */
    private static String firstDayFrom(String column) {
        String zone = BusinessTime.PLATFORM_ZONE.getId();
        if (!zone.matches("[A-Za-z_/+-]+")) {
            throw new IllegalStateException("Unexpected zone id " + zone);
        }
        return "(((" + column + " - interval '1 microsecond') AT TIME ZONE '" + zone + "')::date + 1)";
    }

    /** Stays in the station at the start of {@code asOf} that are in entrusted care (托养) at that moment. */
    public List<FlowMember> inEntrustedCare(Connection c, LocalDate asOf, String station) throws SQLException {
        List<FlowMember> rows = new ArrayList<>();
        inEntrustedCare(c, asOf, station, rows::add);
        return rows;
    }

    public void inEntrustedCare(Connection c, LocalDate asOf, String station, Consumer<? super FlowMember> each)
            throws SQLException {
        inPeriod(c, "entrusted_care", asOf, station, each);
    }

    /** Stays in the station at the start of {@code asOf} whose person is in hospital at that moment. */
    public List<FlowMember> inHospital(Connection c, LocalDate asOf, String station) throws SQLException {
        List<FlowMember> rows = new ArrayList<>();
        inHospital(c, asOf, station, rows::add);
        return rows;
    }

    public void inHospital(Connection c, LocalDate asOf, String station, Consumer<? super FlowMember> each)
            throws SQLException {
        inPeriod(c, "hospitalisation", asOf, station, each);
    }

    private void inPeriod(Connection c, String table, LocalDate asOf, String station, Consumer<? super FlowMember> each)
            throws SQLException {
        OffsetDateTime t = DateParams.startOf(asOf);
        Sql.each(
                each,
                c,
                FLOW_MEMBER + IN_STATION.substring("FROM stay s ".length()) + " AND EXISTS (SELECT 1 FROM "
                        + table
                        + " p WHERE p.stay_id = s.stay_id AND p.started_at <= ? AND (p.ended_at IS NULL OR p.ended_at > ?)) "
                        + "ORDER BY s.admitted_at, s.stay_id",
                ReportQueries::flowMember,
                t,
                station,
                station,
                t,
                t);
    }

    /** The station of the stay open at {@code time}, or else of the latest stay admitted before it. */
    private static String stationAt(String person, String time) {
        return "(SELECT st.station_id FROM stay st WHERE st.person_id IN " + records(person) + " "
                + "AND st.admitted_at <= " + time
                + " ORDER BY (st.discharged_at IS NULL OR st.discharged_at > " + time
                + ") DESC, st.admitted_at DESC LIMIT 1)";
    }
}
