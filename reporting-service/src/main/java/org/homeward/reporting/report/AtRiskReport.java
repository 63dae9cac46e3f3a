package org.homeward.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;

/**
 * The people at risk (重点人员) in the station as of a date (docs/definitions.md): flags recorded by
 * hand as they stood then, minor and elderly from the estimated age as it stood then, long-term
 * hospitalised from a hospital episode open for 30 days or more.
 */
@ApplicationScoped
public class AtRiskReport {
    static final int MINOR_BELOW = 18;
    static final int ELDERLY_FROM = 60;
    static final int LONG_TERM_HOSPITAL_DAYS = 30;

    /** The figures in report order, with their Chinese labels. */
    static final Map<String, String> LABELS = labels();

    public record Figure(String flag, String label, long persons) {}

    public record AtRisk(LocalDate asOf, String stationId, long inStation, long atRisk, List<Figure> byFlag) {}

    public record AtRiskWithPreviousYear(
            LocalDate asOf, String stationId, long inStation, long atRisk, List<Figure> byFlag, AtRisk previousYear) {}

    public record Member(UUID stayId, UUID personId, String stationId, OffsetDateTime admittedAt, List<String> flags) {}

    public AtRiskWithPreviousYear report(Connection c, LocalDate asOf, String station) throws SQLException {
        AtRisk now = atRisk(c, asOf, station);
        return new AtRiskWithPreviousYear(
                asOf, station, now.inStation(), now.atRisk(), now.byFlag(), atRisk(c, asOf.minusYears(1), station));
    }

    AtRisk atRisk(Connection c, LocalDate asOf, String station) throws SQLException {
        List<Member> members = members(c, asOf, station);
        List<Figure> figures = new ArrayList<>();
        LABELS.forEach((flag, label) -> figures.add(new Figure(
                flag,
                label,
                members.stream().filter(m -> m.flags().contains(flag)).count())));
        return new AtRisk(
                asOf,
                station,
                members.size(),
                members.stream().filter(m -> !m.flags().isEmpty()).count(),
                figures);
    }

    /** The stays behind a figure: one flag, {@code atRisk} (any flag) or {@code inStation}. */
    public void members(Connection c, LocalDate asOf, String figure, String station, Consumer<? super Member> each)
            throws SQLException {
        requireFigure(figure);
        members(c, asOf, station, m -> {
            if (figure.equals("inStation")
                    || (figure.equals("atRisk")
                            ? !m.flags().isEmpty()
                            : m.flags().contains(figure))) {
                each.accept(m);
            }
        });
    }

    /** A drill-down's figure: one flag, atRisk or inStation (checked before a list streams: a refusal cannot follow rows). */
    public static void requireFigure(String figure) {
        if (!figure.equals("atRisk") && !figure.equals("inStation") && !LABELS.containsKey(figure)) {
            throw HomewardException.badInput("figure", "must be inStation, atRisk or one of " + LABELS.keySet());
        }
    }

    private List<Member> members(Connection c, LocalDate asOf, String station) throws SQLException {
        List<Member> rows = new ArrayList<>();
        members(c, asOf, station, rows::add);
        return rows;
    }

    /**
     * Everyone in the station at the start of t (five timestamp parameters: the long-stay bound, then t four
     * times; then the station twice), with the flags set by hand and the age estimate as they stood. A person's
     * records and survivor as ReportQueries reads them (ADR 37): the merge functions run only for a person a merge
     * that holds names, everyone else is their own only record.
     */
    static final String MEMBERS = "SELECT s.stay_id, " + ReportQueries.survivor("s.person_id") + " AS person_id, "
            + "s.station_id, s.admitted_at, pa.estimated_age, pa.registered_at, "
            + "EXISTS (SELECT 1 FROM hospitalisation h WHERE h.stay_id = s.stay_id AND h.started_at <= ? "
            + "AND (h.ended_at IS NULL OR h.ended_at > ?)) AS long_hospital, "
            + "ARRAY(SELECT x.flag FROM (SELECT DISTINCT ON (r.flag) r.flag, r.is_set FROM risk_flag_change r "
            + "WHERE r.person_id IN " + ReportQueries.records("s.person_id") + " AND r.occurred_at <= ? "
            + "ORDER BY r.flag, r.occurred_at DESC, r.stream_version DESC) x WHERE x.is_set ORDER BY x.flag) AS hand "
            // the survivor's age estimate, else one of a record merged into it (ADR 23)
            + "FROM stay s LEFT JOIN LATERAL (SELECT a.estimated_age, a.registered_at FROM person_age a "
            + "WHERE a.person_id IN " + ReportQueries.records("s.person_id") + " AND a.estimated_age IS NOT NULL "
            + "ORDER BY a.person_id = " + ReportQueries.survivor("s.person_id")
            + " DESC, a.registered_at LIMIT 1) pa ON true "
            + "WHERE s.admitted_at IS NOT NULL AND s.admitted_at <= ? AND (s.discharged_at IS NULL OR s.discharged_at > ?) "
            + "AND (?::text IS NULL OR s.station_id = ?) ORDER BY s.admitted_at, s.stay_id";

    /** Everyone in the station at the start of {@code asOf}, each with the flags that held then. */
    private void members(Connection c, LocalDate asOf, String station, Consumer<? super Member> each)
            throws SQLException {
        OffsetDateTime t = DateParams.startOf(asOf);
        OffsetDateTime longStay = t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                .minusDays(LONG_TERM_HOSPITAL_DAYS)
                .toOffsetDateTime();
        Sql.each(each, c, MEMBERS, rs -> member(rs, t), longStay, t, t, t, t, station, station);
    }

    /** A row of {@link #MEMBERS} as of t: the flags by hand, then those the age and a long hospital stay decide. */
    static Member member(ResultSet rs, OffsetDateTime t) throws SQLException {
        List<String> flags =
                new ArrayList<>(Arrays.asList((String[]) rs.getArray("hand").getArray()));
        Integer estimated = (Integer) rs.getObject("estimated_age");
        if (estimated != null) {
            long age = estimated
                    + ChronoUnit.YEARS.between(
                            rs.getObject("registered_at", OffsetDateTime.class)
                                    .atZoneSameInstant(BusinessTime.PLATFORM_ZONE),
                            t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE));
            flags.remove("MINOR"); // the age decides, not a flag typed before an age was estimated
            flags.remove("ELDERLY");
            if (age < MINOR_BELOW) {
                flags.add("MINOR");
            } else if (age >= ELDERLY_FROM) {
                flags.add("ELDERLY");
            }
        }
        if (rs.getBoolean("long_hospital")) {
            flags.add("LONG_TERM_HOSPITALISED");
        }
        flags.sort(Comparator.comparing(f -> List.copyOf(LABELS.keySet()).indexOf(f)));
        return new Member(
                rs.getObject("stay_id", UUID.class),
                rs.getObject("person_id", UUID.class),
                rs.getString("station_id"),
                rs.getObject("admitted_at", OffsetDateTime.class),
                List.copyOf(flags));
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("MENTAL_DISORDER", "精神障碍");
        labels.put("INTELLECTUAL_DISABILITY", "智力残疾");
        labels.put("PHYSICAL_DISABILITY", "肢体残疾");
        labels.put("MINOR", "未成年人");
        labels.put("ELDERLY", "老年人");
        labels.put("LONG_TERM_HOSPITALISED", "长期住院");
        return Collections.unmodifiableMap(labels);
    }
}
