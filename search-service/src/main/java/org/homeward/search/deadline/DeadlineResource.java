package org.homeward.search.deadline;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Paging;
import org.homeward.platform.web.Period;
import org.homeward.search.searchcase.CaseStations;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * National deadlines for each unidentified person admitted: a search notice within 24 hours, a DNA
 * sample request within 7 working days (Monday to Friday; public holidays are not modelled), and a
 * placement decision within 10 days of the admission (the 10-day rule; docs/definitions.md).
 */
@Path("/api/deadlines")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class DeadlineResource {

    public record CaseDeadlines(
            UUID caseId,
            UUID personId,
            OffsetDateTime admittedAt,
            OffsetDateTime noticeDue,
            OffsetDateTime noticeAt,
            OffsetDateTime dnaDue,
            OffsetDateTime dnaRequestedAt,
            OffsetDateTime placementDue,
            OffsetDateTime placementDecidedAt) {
        boolean noticeOnTime() {
            return noticeAt != null && !noticeAt.isAfter(noticeDue);
        }

        boolean dnaOnTime() {
            return dnaRequestedAt != null && !dnaRequestedAt.isAfter(dnaDue);
        }

        boolean placementOnTime() {
            return placementDecidedAt != null && !placementDecidedAt.isAfter(placementDue);
        }
    }

    public record Overdue(UUID caseId, UUID personId, OffsetDateTime admittedAt, String deadline, OffsetDateTime due) {}

    public record Compliance(
            LocalDate from,
            LocalDate to,
            int admissions,
            int noticeOnTime,
            BigDecimal noticeOnTimePercent,
            int dnaOnTime,
            BigDecimal dnaOnTimePercent,
            int placementOnTime,
            BigDecimal placementOnTimePercent) {}

    /** The 10-day rule: a placement decision is due this many days after the admission. */
    static final int PLACEMENT_DAYS = 10;

    private final EventSourcing sourcing;
    private final Caller caller;

    public DeadlineResource(EventSourcing sourcing, Caller caller) {
        this.sourcing = sourcing;
        this.caller = caller;
    }

    @GET
    @Path("overdue")
    public RestResponse<List<Overdue>> overdue(
            @QueryParam("asOf") String asOf,
            @QueryParam("stationId") String stationId,
            @QueryParam("limit") @DefaultValue(Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        OffsetDateTime t = asOf == null ? BusinessTime.now() : DateParams.startOf(DateParams.date("asOf", asOf));
        List<CaseDeadlines> open = cases(
                "sc.opened_at <= ? AND (sc.closed_at IS NULL OR sc.closed_at > ?)",
                t,
                t,
                caller.stationScope(stationId));
        List<Overdue> overdue = new ArrayList<>();
        for (CaseDeadlines d : open) {
            if (d.noticeDue().isBefore(t)
                    && (d.noticeAt() == null || d.noticeAt().isAfter(t))) {
                overdue.add(new Overdue(d.caseId(), d.personId(), d.admittedAt(), "NOTICE_24H", d.noticeDue()));
            }
            if (d.dnaDue().isBefore(t)
                    && (d.dnaRequestedAt() == null || d.dnaRequestedAt().isAfter(t))) {
                overdue.add(new Overdue(d.caseId(), d.personId(), d.admittedAt(), "DNA_7_WORKING_DAYS", d.dnaDue()));
            }
            if (d.placementDue().isBefore(t)
                    && (d.placementDecidedAt() == null || d.placementDecidedAt().isAfter(t))) {
                overdue.add(
                        new Overdue(d.caseId(), d.personId(), d.admittedAt(), "PLACEMENT_10_DAYS", d.placementDue()));
            }
        }
        overdue.sort(Comparator.comparing(Overdue::due).thenComparing(Overdue::caseId));
        return Paging.slice(overdue, limit, offset);
    }

    @GET
    @Path("compliance")
    public Compliance compliance(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("stationId") String stationId) {
        Period period = Period.parse(from, to);
        List<CaseDeadlines> admitted = cases(
                "sc.opened_at >= ? AND sc.opened_at < ?",
                DateParams.startOf(period.from()),
                DateParams.startOf(period.to()),
                caller.stationScope(stationId));
        int notices =
                (int) admitted.stream().filter(CaseDeadlines::noticeOnTime).count();
        int dna = (int) admitted.stream().filter(CaseDeadlines::dnaOnTime).count();
        int placements =
                (int) admitted.stream().filter(CaseDeadlines::placementOnTime).count();
        return new Compliance(
                period.from(),
                period.to(),
                admitted.size(),
                notices,
                percent(notices, admitted.size()),
                dna,
                percent(dna, admitted.size()),
                placements,
                percent(placements, admitted.size()));
    }

    /** Cases of one station ({@code station} null: all), through the stay they were opened for (CaseStations). */
    private List<CaseDeadlines> cases(String where, OffsetDateTime a, OffsetDateTime b, String station) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT sc.case_id, sc.person_id, sc.opened_at, "
                        + "sc.first_notice_at, sc.dna_requested_at, spd.decided_at FROM search_case sc"
                        + CaseStations.JOIN
                        + CaseStations.PLACEMENT_JOIN
                        + "WHERE sc.opening_reason = 'UNIDENTIFIED_ADMISSION' AND " + where + " AND"
                        + CaseStations.IN_STATION
                        + "ORDER BY sc.opened_at",
                rs -> {
                    OffsetDateTime admitted = rs.getObject("opened_at", OffsetDateTime.class);
                    return new CaseDeadlines(
                            rs.getObject("case_id", UUID.class),
                            rs.getObject("person_id", UUID.class),
                            admitted,
                            admitted.plusHours(24),
                            rs.getObject("first_notice_at", OffsetDateTime.class),
                            plusWorkingDays(admitted, 7),
                            rs.getObject("dna_requested_at", OffsetDateTime.class),
                            admitted.plusDays(PLACEMENT_DAYS),
                            rs.getObject("decided_at", OffsetDateTime.class));
                },
                a,
                b,
                station,
                station));
    }

    static OffsetDateTime plusWorkingDays(OffsetDateTime from, int days) {
        ZonedDateTime t = from.atZoneSameInstant(BusinessTime.PLATFORM_ZONE);
        int added = 0;
        while (added < days) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return t.toOffsetDateTime();
    }

    private static BigDecimal percent(int part, int whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
