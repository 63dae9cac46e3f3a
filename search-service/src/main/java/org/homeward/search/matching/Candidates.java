package org.homeward.search.matching;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.domain.StateConflict;
import org.homeward.events.intake.FragmentKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.search.missingreport.MissingPersonReport;
import org.homeward.search.missingreport.MissingPersonReports;
import org.homeward.search.missingreport.MissingPersonReports.ReportView;
import org.homeward.search.resident.Residents;
import org.homeward.search.resident.Residents.Resident;

/**
 * Candidates, computed on request from the read models: the open reports sharing a blocking key
 * ({@link MatchKeys}) with a resident, or the residents with an open search case sharing one with a
 * report, scored by {@link MatchScorer} (ADR 0015: measured over a million reports). An excluded pair
 * is left out unless its score has since risen by {@link MissingPersonReport#REPROPOSAL_MARGIN}. A pair is
 * proposed only when a name, a place or an accent agrees.
 */
@ApplicationScoped
public class Candidates {

    public record Candidate(
            UUID reportId,
            UUID personId,
            String reportName,
            String residentName,
            int score,
            List<MatchScorer.Component> components,
            Integer excludedAtScore,
            boolean reproposed,
            UUID caseId,
            UUID leadId) {}

    private final MatchScorer scorer = new MatchScorer();
    private final MissingPersonReports reports;
    private final Residents residents;

    public Candidates(MissingPersonReports reports, Residents residents) {
        this.reports = reports;
        this.residents = residents;
    }

    public List<Candidate> forReport(Connection c, UUID reportId, int limit) throws SQLException {
        ReportView report = reports.find(c, reportId)
                .orElseThrow(() -> HomewardException.notFound("Missing-person report", reportId));
        if (erased(report)) {
            return List.of();
        }
        Map<UUID, MissingPersonReports.ExclusionView> excluded = reports.exclusionsOfReport(c, reportId);
        List<Candidate> found = new ArrayList<>();
        for (Resident resident : residents.withOpenCaseMatching(c, MatchKeys.forReport(profile(report)))) {
            MissingPersonReports.ExclusionView exclusion = excluded.get(resident.personId());
            candidate(report, resident, exclusion == null ? null : exclusion.score(), lead(report, resident.personId()))
                    .ifPresent(found::add);
        }
        return top(asSurvivors(c, found), limit);
    }

    /** Reports proposed for the person: for each record that reads as them (ADR 23), a report once, its best. */
    public List<Candidate> forPerson(Connection c, UUID personId, int limit) throws SQLException {
        List<Candidate> found = new ArrayList<>();
        boolean known = false;
        for (UUID record : residents.recordsOf(c, personId)) {
            Optional<Resident> resident = residents.find(c, record);
            if (resident.isEmpty()) {
                continue;
            }
            known = true;
            Map<UUID, Integer> excluded = reports.exclusionScoresOfPerson(c, record);
            for (ReportView report : reports.openMatching(c, MatchKeys.forResident(profile(resident.get())))) {
                ReportView full = excluded.containsKey(report.reportId())
                        ? reports.find(c, report.reportId()).orElseThrow()
                        : report;
                candidate(full, resident.get(), excluded.get(report.reportId()), null)
                        .ifPresent(found::add);
            }
        }
        if (!known) {
            throw HomewardException.notFound("Person", personId);
        }
        return top(asSurvivors(c, found), limit);
    }

    /**
     * Candidates as the persons they read as: a merged-away record is shown as its survivor, and a report
     * matching two records of one person is proposed once, with the better score (ADR 23).
     */
    private List<Candidate> asSurvivors(Connection c, List<Candidate> found) throws SQLException {
        Map<UUID, UUID> survivors = residents.survivorsOf(
                c, found.stream().map(Candidate::personId).distinct().toList());
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (Candidate k : found) {
            UUID survivor = survivors.getOrDefault(k.personId(), k.personId());
            Candidate shown = survivor.equals(k.personId())
                    ? k
                    : new Candidate(
                            k.reportId(),
                            survivor,
                            k.reportName(),
                            k.residentName(),
                            k.score(),
                            k.components(),
                            k.excludedAtScore(),
                            k.reproposed(),
                            k.caseId(),
                            k.leadId());
            best.merge(k.reportId() + "/" + survivor, shown, (a, b) -> b.score() > a.score() ? b : a);
        }
        return List.copyOf(best.values());
    }

    /** The current score of a pair, for an exclusion or a lead; an unknown resident is refused naming {@code personId}. */
    public MatchScorer.Score score(Connection c, ReportView report, UUID personId) throws SQLException {
        Resident resident = residents
                .find(c, personId)
                .orElseThrow(() -> HomewardException.rule(
                        "personId", "Person " + personId + " is not a resident known to search-service"));
        if (erased(report)) {
            throw new StateConflict(
                    "Missing-person report " + report.reportId() + " was erased: nothing more is recorded about it",
                    "reportId",
                    "was erased");
        }
        return scorer.score(profile(resident), profile(report));
    }

    /**
     * A report erased, or whose values no key opens any more (read from the store before its erasure is
     * replayed): nothing left to match on (ADR 35). A report always has a name otherwise.
     */
    public static boolean erased(ReportView report) {
        return report.erasure() != null || report.name() == null;
    }

    public Resident resident(Connection c, UUID personId) throws SQLException {
        return residents
                .find(c, personId)
                .orElseThrow(() -> HomewardException.rule(
                        "personId", "Person " + personId + " is not a resident known to search-service"));
    }

    private Optional<Candidate> candidate(ReportView report, Resident resident, Integer excludedAt, UUID leadId) {
        if (erased(report)) {
            return Optional.empty();
        }
        MatchScorer.Score score = scorer.score(profile(resident), profile(report));
        boolean reproposed = excludedAt != null && score.score() >= excludedAt + MissingPersonReport.REPROPOSAL_MARGIN;
        if (!score.identifying() || (excludedAt != null && !reproposed)) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(
                report.reportId(),
                resident.personId(),
                report.name(),
                resident.name(),
                score.score(),
                score.components(),
                excludedAt,
                reproposed,
                resident.openCaseId(),
                leadId));
    }

    private static UUID lead(ReportView report, UUID personId) {
        return report.leads() == null
                ? null
                : report.leads().stream()
                        .filter(l -> l.personId().equals(personId))
                        .map(MissingPersonReports.LeadView::leadId)
                        .findFirst()
                        .orElse(null);
    }

    private static List<Candidate> top(List<Candidate> found, int limit) {
        return found.stream()
                .sorted(Comparator.comparingInt(Candidate::score)
                        .reversed()
                        .thenComparing(c -> c.personId().toString())
                        .thenComparing(c -> c.reportId().toString()))
                .limit(limit)
                .toList();
    }

    /** What the scorer compares of a resident (for the evaluation and the benchmark). */
    public static MatchScorer.ResidentProfile profileOf(Resident r) {
        return profile(r);
    }

    public static MatchScorer.ReportProfile profileOf(ReportView r) {
        return profile(r);
    }

    static MatchScorer.ResidentProfile profile(Resident r) {
        return new MatchScorer.ResidentProfile(
                r.personId(),
                with(r.name(), fragments(r, FragmentKind.NAME)),
                fragments(r, FragmentKind.NICKNAME),
                r.sex(),
                r.estimatedAge(),
                with(r.hometown(), fragments(r, FragmentKind.HOMETOWN)),
                with(
                        null,
                        Stream.concat(fragments(r, FragmentKind.DIALECT).stream(), r.languages().stream())
                                .toList()),
                r.admittedAt() == null
                        ? null
                        : r.admittedAt()
                                .atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                                .toLocalDate(),
                r.marks() == null ? List.of() : r.marks());
    }

    static MatchScorer.ReportProfile profile(ReportView r) {
        return new MatchScorer.ReportProfile(
                r.reportId(),
                r.name(),
                r.otherNames(),
                r.sex(),
                r.birthYear(),
                r.ageWhenLastSeen(),
                r.hometown(),
                r.hometownCode(),
                r.dialect(),
                r.lastSeenOn(),
                r.description());
    }

    private static List<String> fragments(Resident r, FragmentKind kind) {
        return r.fragments().stream()
                .filter(f -> kind.name().equals(f.kind()))
                .map(Residents.Fragment::value)
                .toList();
    }

    private static List<String> with(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream())
                .filter(Objects::nonNull)
                .toList();
    }
}
