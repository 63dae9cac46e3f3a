package org.homeward.search.agenda;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Period;
import org.homeward.search.searchcase.CaseStations;

/**
 * The queries of the weekly family-search meeting (寻亲服务例会) over search's read models: the
 * open cases as they stood at the start of a day, longest without progress first, and the tally of
 * successes per staff member and unit (评比). A station of null means every station (CaseStations).
 */
@ApplicationScoped
public class ReviewAgenda {

    public record AgendaItem(
            UUID caseId,
            UUID personId,
            OffsetDateTime openedAt,
            OffsetDateTime lastProgressAt,
            long daysWithoutProgress,
            int fragments,
            int leads,
            int leadsAwaitingVerification,
            int notices,
            List<NewCandidate> newStrongCandidates) {}

    /** A missing-person report that became a strong candidate for the case's person in the week before the agenda. */
    public record NewCandidate(UUID reportId, String reportName, int score, OffsetDateTime strongSince) {}

    public record Tally(String staff, String unit, long successes) {}

    public record UnitTally(String unit, long successes) {}

    public record StaffTally(LocalDate from, LocalDate to, List<Tally> byStaff, List<UnitTally> byUnit) {}

    /** The cases open at the start of {@code day}: neither closed nor succeeded by then. */
    private static final String OPEN = " WHERE sc.opened_at <= ? AND (sc.closed_at IS NULL OR sc.closed_at > ?) "
            + "AND (sc.succeeded_at IS NULL OR sc.succeeded_at > ?) AND" + CaseStations.IN_STATION;

    // a success is the station's whose case is (CaseStations)
    private static final String SUCCESSES = " FROM success s JOIN search_case sc ON sc.case_id = s.case_id"
            + CaseStations.JOIN + "WHERE s.occurred_at >= ? AND s.occurred_at < ? AND" + CaseStations.IN_STATION;

    /** One page of the cases open at the start of {@code day}, longest without progress first. */
    public List<AgendaItem> open(Connection c, LocalDate day, String station, int limit, int offset)
            throws SQLException {
        OffsetDateTime t = DateParams.startOf(day);
        String sql = """
                SELECT sc.case_id, sc.person_id, sc.opened_at,
                       GREATEST(sc.opened_at,
                                (SELECT max(l.reported_at) FROM lead l WHERE l.case_id = sc.case_id AND l.reported_at <= ?),
                                (SELECT max(l.verified_at) FROM lead l WHERE l.case_id = sc.case_id AND l.verified_at <= ?),
                                (SELECT max(n.published_at) FROM notice n WHERE n.case_id = sc.case_id AND n.published_at <= ?)) AS progress,
                       coalesce(kp.fragments, 0) AS fragments,
                       (SELECT count(*) FROM lead l WHERE l.case_id = sc.case_id AND l.reported_at <= ?) AS leads,
                       (SELECT count(*) FROM lead l WHERE l.case_id = sc.case_id AND l.reported_at <= ?
                                AND (l.verified_at IS NULL OR l.verified_at > ?)) AS pending,
                       (SELECT count(*) FROM notice n WHERE n.case_id = sc.case_id AND n.published_at <= ?) AS notices
                FROM search_case sc LEFT JOIN known_person kp ON kp.person_id = sc.person_id
                """ + CaseStations.JOIN + OPEN + """
                ORDER BY progress ASC, sc.opened_at ASC, sc.case_id
                LIMIT ? OFFSET ?
                """;
        List<AgendaItem> items = Sql.list(
                c,
                sql,
                rs -> {
                    OffsetDateTime progress = rs.getObject("progress", OffsetDateTime.class);
                    return new AgendaItem(
                            rs.getObject("case_id", UUID.class),
                            rs.getObject("person_id", UUID.class),
                            rs.getObject("opened_at", OffsetDateTime.class),
                            progress,
                            ChronoUnit.DAYS.between(
                                    progress.atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                                            .toLocalDate(),
                                    day),
                            rs.getInt("fragments"),
                            rs.getInt("leads"),
                            rs.getInt("pending"),
                            rs.getInt("notices"),
                            List.of());
                },
                t,
                t,
                t,
                t,
                t,
                t,
                t,
                t,
                t,
                t,
                station,
                station,
                limit,
                offset);
        return withNewCandidates(c, items, t);
    }

    /** How many cases were open at the start of {@code day}. */
    public long countOpen(Connection c, LocalDate day, String station) throws SQLException {
        OffsetDateTime t = DateParams.startOf(day);
        return Sql.one(
                        c,
                        "SELECT count(*) FROM search_case sc" + CaseStations.JOIN + OPEN,
                        rs -> rs.getLong(1),
                        t,
                        t,
                        t,
                        station,
                        station)
                .orElse(0L);
    }

    /** The successes in the period per credited staff member and per unit, most first. */
    public StaffTally tally(Connection c, Period period, String station) throws SQLException {
        OffsetDateTime start = period.start();
        OffsetDateTime end = period.end();
        return new StaffTally(
                period.from(),
                period.to(),
                Sql.list(
                        c,
                        "SELECT coalesce(s.credited_staff, '-') AS staff, coalesce(s.credited_unit, '-') AS unit, count(*)"
                                + SUCCESSES + " GROUP BY 1, 2 ORDER BY 3 DESC, 1",
                        rs -> new Tally(rs.getString(1), rs.getString(2), rs.getLong(3)),
                        start,
                        end,
                        station,
                        station),
                Sql.list(
                        c,
                        "SELECT coalesce(s.credited_unit, '-'), count(*)" + SUCCESSES
                                + " GROUP BY 1 ORDER BY 2 DESC, 1",
                        rs -> new UnitTally(rs.getString(1), rs.getLong(2)),
                        start,
                        end,
                        station,
                        station));
    }

    /**
     * The pairs kept by candidate matching (candidate_pair) that became strong in the seven days before
     * {@code t}, still strong, not excluded and not yet a lead, best first.
     */
    private static List<AgendaItem> withNewCandidates(Connection c, List<AgendaItem> items, OffsetDateTime t)
            throws SQLException {
        if (items.isEmpty()) {
            return items;
        }
        String[] persons = items.stream().map(i -> i.personId().toString()).toArray(String[]::new);
        Map<UUID, List<NewCandidate>> byPerson = new HashMap<>();
        for (Map.Entry<UUID, NewCandidate> e : Sql.list(
                c,
                "SELECT p.person_id, p.report_id, r.name, p.score, "
                        + "p.strong_since FROM candidate_pair p JOIN missing_report r ON r.report_id = p.report_id AND r.status = 'OPEN' "
                        + "WHERE p.person_id = ANY(?::uuid[]) AND p.strong_since >= ? AND p.strong_since < ? AND NOT EXISTS "
                        + "(SELECT 1 FROM candidate_lead l WHERE l.report_id = p.report_id AND l.person_id = p.person_id) "
                        + "ORDER BY p.score DESC, p.report_id",
                rs -> Map.entry(
                        rs.getObject(1, UUID.class),
                        new NewCandidate(
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getObject(5, OffsetDateTime.class))),
                persons,
                t.minusDays(7),
                t)) {
            byPerson.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return items.stream()
                .map(i -> new AgendaItem(
                        i.caseId(),
                        i.personId(),
                        i.openedAt(),
                        i.lastProgressAt(),
                        i.daysWithoutProgress(),
                        i.fragments(),
                        i.leads(),
                        i.leadsAwaitingVerification(),
                        i.notices(),
                        byPerson.getOrDefault(i.personId(), List.of())))
                .toList();
    }
}
