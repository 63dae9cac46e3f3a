package org.homeward.search.matching;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.search.missingreport.MissingPersonReports;
import org.homeward.search.missingreport.MissingPersonReports.ReportView;
import org.homeward.search.missingreport.ReportListener;
import org.homeward.search.resident.ResidentListener;
import org.homeward.search.resident.Residents;
import org.homeward.search.resident.Residents.Resident;

/**
 * Keeps candidates current from the event stream: a report submitted, updated, withdrawn, found or
 * with a pair excluded, and a resident registered, admitted, described or given a new fragment,
 * each re-keys its side ({@link MatchKeys}) and re-scores its pairs in the same transaction. The
 * best {@value #KEPT} pairs of each side are kept in {@code candidate_pair}, with the business time
 * at which a pair first reached {@value #STRONG} points: the weekly review agenda lists those.
 * Lists of candidates are still scored on read, so they always carry current explanations.
 */
@ApplicationScoped
public class CandidateUpkeep implements ReportListener, ResidentListener {
    /** The score from which a pair is a strong candidate (a name and the county agree, or a name, the city and the age). */
    public static final int STRONG = 60;

    static final int KEPT = 20;

    private final Candidates candidates;
    private final MissingPersonReports reports;
    private final Residents residents;

    public CandidateUpkeep(Candidates candidates, MissingPersonReports reports, Residents residents) {
        this.candidates = candidates;
        this.reports = reports;
        this.residents = residents;
    }

    @Override
    public void reportChanged(Connection c, UUID reportId, OffsetDateTime at) throws SQLException {
        ReportView report = reports.find(c, reportId).orElse(null);
        if (report == null) {
            return;
        }
        if (Candidates.erased(report)) { // an erased report is proposed for no one (ADR 35)
            reports.keys(c, reportId, Set.of());
            keep(c, "report_id", reportId, List.of(), at);
            return;
        }
        reports.keys(c, reportId, MatchKeys.ofReport(Candidates.profile(report)));
        List<Candidates.Candidate> found =
                "OPEN".equals(report.status()) ? candidates.forReport(c, reportId, KEPT) : List.of();
        keep(c, "report_id", reportId, found, at);
    }

    @Override
    public void residentChanged(Connection c, UUID personId, OffsetDateTime at) throws SQLException {
        Resident resident = residents.find(c, personId).orElse(null);
        if (resident == null) {
            return;
        }
        residents.keys(c, personId, MatchKeys.ofResident(Candidates.profile(resident)));
        keep(c, "person_id", personId, candidates.forPerson(c, personId, KEPT), at);
    }

    /** Rows written before the keys existed are keyed (and their pairs scored) once, at startup. */
    void keyOldRows(@Observes StartupEvent started, EventSourcing sourcing) {
        sourcing.inTransaction(c -> {
            OffsetDateTime now = OffsetDateTime.now();
            for (UUID reportId : reports.unkeyed(c)) {
                reportChanged(c, reportId, now);
            }
            for (UUID personId : residents.unkeyed(c)) {
                residentChanged(c, personId, now);
            }
            return null;
        });
    }

    /** Replaces one side's pairs by {@code found}; a pair keeps the time it first became strong while it stays strong. */
    private static void keep(Connection c, String side, UUID id, List<Candidates.Candidate> found, OffsetDateTime at)
            throws SQLException {
        String[] kept =
                found.stream().map(f -> f.reportId() + "/" + f.personId()).toArray(String[]::new);
        Sql.update(
                c,
                "DELETE FROM candidate_pair WHERE " + side
                        + " = ? AND NOT (report_id::text || '/' || person_id::text = ANY(?))",
                id,
                kept);
        for (Candidates.Candidate f : found) {
            Sql.update(
                    c,
                    "INSERT INTO candidate_pair VALUES (?, ?, ?, CASE WHEN ? >= ? THEN ?::timestamptz END, ?) "
                            + "ON CONFLICT (report_id, person_id) DO UPDATE SET score = excluded.score, scored_at = excluded.scored_at, "
                            + "strong_since = CASE WHEN excluded.score >= " + STRONG
                            + " THEN coalesce(candidate_pair.strong_since, "
                            + "excluded.strong_since) END",
                    f.reportId(),
                    f.personId(),
                    f.score(),
                    f.score(),
                    STRONG,
                    at,
                    at);
        }
    }
}
