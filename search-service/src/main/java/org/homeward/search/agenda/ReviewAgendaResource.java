package org.homeward.search.agenda;

import org.homeward.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;

/**
 * The weekly family-search meeting (寻亲服务例会): open cases, longest without progress first, and
 * the tally of successes per staff member and unit (评比).
 */
@Path("/api")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class ReviewAgendaResource {

    public record AgendaItem(UUID caseId, UUID personId, OffsetDateTime openedAt, OffsetDateTime lastProgressAt,
                             long daysWithoutProgress, int fragments, int leads, int leadsAwaitingVerification,
                             int notices) {
    }

    public record Tally(String staff, String unit, long successes) {
    }

    public record UnitTally(String unit, long successes) {
    }

    public record StaffTally(LocalDate from, LocalDate to, List<Tally> byStaff, List<UnitTally> byUnit) {
    }

    private final EventSourcing sourcing;

    public ReviewAgendaResource(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    /** Open cases as they stood at the start of {@code asOf} (default today). */
    @GET
    @Path("review-agenda")
    public List<AgendaItem> agenda(@QueryParam("asOf") String asOf) {
        LocalDate day = DateParams.dateOr("asOf", asOf, DateParams.today().plusDays(1));
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
                WHERE sc.opened_at <= ? AND (sc.closed_at IS NULL OR sc.closed_at > ?)
                  AND (sc.succeeded_at IS NULL OR sc.succeeded_at > ?)
                ORDER BY progress ASC, sc.opened_at ASC
                """;
        return sourcing.inTransaction(c -> Sql.list(c, sql, rs -> {
            OffsetDateTime progress = rs.getObject("progress", OffsetDateTime.class);
            return new AgendaItem(rs.getObject("case_id", UUID.class), rs.getObject("person_id", UUID.class),
                    rs.getObject("opened_at", OffsetDateTime.class), progress,
                    ChronoUnit.DAYS.between(progress.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).toLocalDate(), day),
                    rs.getInt("fragments"),
                    rs.getInt("leads"), rs.getInt("pending"), rs.getInt("notices"));
        }, t, t, t, t, t, t, t, t, t, t));
    }

    @GET
    @Path("staff-tally")
    public StaffTally tally(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate[] period = DateParams.period(from, to);
        OffsetDateTime start = DateParams.startOf(period[0]);
        OffsetDateTime end = DateParams.startOf(period[1]);
        return sourcing.inTransaction(c -> new StaffTally(period[0], period[1],
                Sql.list(c, "SELECT coalesce(credited_staff, '-') AS staff, coalesce(credited_unit, '-') AS unit, count(*) "
                        + "FROM success WHERE occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2 ORDER BY 3 DESC, 1",
                        rs -> new Tally(rs.getString(1), rs.getString(2), rs.getLong(3)), start, end),
                Sql.list(c, "SELECT coalesce(credited_unit, '-'), count(*) FROM success "
                        + "WHERE occurred_at >= ? AND occurred_at < ? GROUP BY 1 ORDER BY 2 DESC, 1",
                        rs -> new UnitTally(rs.getString(1), rs.getLong(2)), start, end)));
    }
}
