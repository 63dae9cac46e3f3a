package org.homeward.search.deadline;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.Period;
import org.homeward.search.searchcase.CaseStations;

/**
 * National deadlines for each unidentified person admitted, read from the search cases opened for
 * an admission: a search notice within 24 hours, a DNA sample request within 7 working days (Monday
 * to Friday; public holidays are not modelled), and a placement decision within 10 days of the
 * admission (the 10-day rule; docs/definitions.md). A station of null means every station.
 */
@ApplicationScoped
public class Deadlines {

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

    /** The deadlines passed at {@code t} and not met by then, of the cases open at {@code t}; earliest due first. */
    public List<Overdue> overdue(Connection c, OffsetDateTime t, String station) throws SQLException {
        List<CaseDeadlines> open =
                cases(c, "sc.opened_at <= ? AND (sc.closed_at IS NULL OR sc.closed_at > ?)", t, t, station);
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
        return overdue;
    }

    /** How many of the admissions in the period met each deadline. */
    public Compliance compliance(Connection c, Period period, String station) throws SQLException {
        List<CaseDeadlines> admitted =
                cases(c, "sc.opened_at >= ? AND sc.opened_at < ?", period.start(), period.end(), station);
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
    private static List<CaseDeadlines> cases(
            Connection c, String where, OffsetDateTime a, OffsetDateTime b, String station) throws SQLException {
        return Sql.list(
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
                station);
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
