package org.homeward.search.missingreport;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.BusinessTimeOrder;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.Sex;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.MissingPersonReportEvent;
import org.homeward.events.search.MissingPersonReportEvent.CandidateExcluded;
import org.homeward.events.search.MissingPersonReportEvent.CandidateTurnedIntoLead;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonFound;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportErased;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportSubmitted;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportUpdated;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportWithdrawn;
import org.homeward.events.search.ReporterKind;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.search.division.Divisions;

/**
 * A missing-person report (寻人登记): who reported it, whom it describes, and its status (open,
 * found, withdrawn). It also remembers which proposed residents the team excluded, at what score,
 * and which became leads.
 */
@Aggregate
public final class MissingPersonReport {
    public static final String STREAM = "missing-person-report";
    /** An excluded resident is proposed again only when new evidence raises the pair's score by this much. */
    public static final int REPROPOSAL_MARGIN = 10;

    public enum Status {
        OPEN,
        FOUND,
        WITHDRAWN
    }

    /** Who reported: the kind decides which of the other fields are required. */
    public record Reporter(
            ReporterKind kind,
            String partnerId,
            String source,
            String sourceReference,
            String name,
            String relation,
            String phone) {}

    /** Whom the report describes. */
    public record Details(
            String name,
            List<String> otherNames,
            Sex sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            String hometown,
            String hometownCode,
            String dialect,
            LocalDate lastSeenOn,
            String lastSeenPlace,
            String description) {}

    private UUID id;
    private Reporter reporter;
    private Details details;
    private OffsetDateTime lastChangeAt;
    private Status status;
    /** Once erased (ADR 35), the report takes no more commands: nothing more is recorded about it. */
    private boolean erased;

    private final Map<UUID, Integer> excludedAtScore = new HashMap<>();
    private final Map<UUID, UUID> leads = new HashMap<>();

    public static MissingPersonReport from(LoadedStream stream) {
        MissingPersonReport report = new MissingPersonReport();
        stream.events().forEach(report::evolve);
        return report;
    }

    public static List<NewEvent> submit(UUID reportId, Reporter reporter, Details details, OffsetDateTime at) {
        validateReporter(reporter);
        validate(details, at);
        return List.of(new NewEvent(
                new MissingPersonReportSubmitted(
                        reportId,
                        reporter.kind(),
                        reporter.partnerId(),
                        reporter.source(),
                        reporter.sourceReference(),
                        reporter.name(),
                        reporter.relation(),
                        reporter.phone(),
                        details.name(),
                        details.otherNames(),
                        details.sex(),
                        details.birthYear(),
                        details.ageWhenLastSeen(),
                        details.hometown(),
                        details.hometownCode(),
                        details.dialect(),
                        details.lastSeenOn(),
                        details.lastSeenPlace(),
                        details.description()),
                at));
    }

    /** {@code changes} holds the fields to replace; a null field keeps what the report says. */
    public List<NewEvent> update(Details changes, OffsetDateTime at) {
        requireOpen(at);
        Details d = new Details(
                or(changes.name(), details.name()),
                or(changes.otherNames(), details.otherNames()),
                or(changes.sex(), details.sex()),
                or(changes.birthYear(), details.birthYear()),
                or(changes.ageWhenLastSeen(), details.ageWhenLastSeen()),
                or(changes.hometown(), details.hometown()),
                or(changes.hometownCode(), details.hometownCode()),
                or(changes.dialect(), details.dialect()),
                or(changes.lastSeenOn(), details.lastSeenOn()),
                or(changes.lastSeenPlace(), details.lastSeenPlace()),
                or(changes.description(), details.description()));
        validate(d, at);
        if (d.equals(details)) {
            return List.of();
        }
        return List.of(new NewEvent(
                new MissingPersonReportUpdated(
                        id,
                        d.name(),
                        d.otherNames(),
                        d.sex(),
                        d.birthYear(),
                        d.ageWhenLastSeen(),
                        d.hometown(),
                        d.hometownCode(),
                        d.dialect(),
                        d.lastSeenOn(),
                        d.lastSeenPlace(),
                        d.description()),
                at));
    }

    public List<NewEvent> withdraw(String reason, OffsetDateTime at) {
        requireOpen(at);
        return List.of(new NewEvent(new MissingPersonReportWithdrawn(id, reason), at));
    }

    public List<NewEvent> found(UUID personId, String note, OffsetDateTime at) {
        requireOpen(at);
        if (at.toLocalDate().isBefore(details.lastSeenOn())) {
            throw new RuleViolated(
                    "occurredAt",
                    "The person cannot be found before they were last seen (" + details.lastSeenOn() + ")");
        }
        return List.of(new NewEvent(new MissingPersonFound(id, personId, note), at));
    }

    /** Rules a proposed resident out; a pair excluded already is a conflict unless new evidence re-proposed it. */
    public List<NewEvent> exclude(
            UUID personId, int currentScore, String reason, String excludedBy, OffsetDateTime at) {
        requireOpen(at);
        if (isExcluded(personId, currentScore)) {
            throw new StateConflict("Resident " + personId + " was already excluded for this report at score "
                    + excludedAtScore.get(personId));
        }
        if (leads.containsKey(personId)) {
            throw new RuleViolated(
                    "personId",
                    "Resident " + personId + " is already lead " + leads.get(personId)
                            + " of this report; reject the lead on the search case instead");
        }
        return List.of(new NewEvent(new CandidateExcluded(id, personId, currentScore, reason, excludedBy), at));
    }

    public List<NewEvent> turnIntoLead(UUID personId, int currentScore, UUID caseId, UUID leadId, OffsetDateTime at) {
        requireOpen(at);
        if (isExcluded(personId, currentScore)) {
            throw new RuleViolated(
                    "personId",
                    "Resident " + personId + " was excluded for this report (score "
                            + excludedAtScore.get(personId) + ", now " + currentScore
                            + "); it can become a lead only once new "
                            + "evidence raises the score by " + REPROPOSAL_MARGIN);
        }
        if (leads.containsKey(personId)) {
            throw new StateConflict(
                    "Resident " + personId + " is already lead " + leads.get(personId) + " of this report");
        }
        return List.of(new NewEvent(
                new CandidateTurnedIntoLead(id, personId, caseId, leadId, leadChannel(), currentScore), at));
    }

    /** Excluded and not raised since by at least the margin. */
    public boolean isExcluded(UUID personId, int currentScore) {
        Integer then = excludedAtScore.get(personId);
        return then != null && currentScore < then + REPROPOSAL_MARGIN;
    }

    /** The lead channel that gives the success its right credit: the report's source. */
    public LeadChannel leadChannel() {
        return switch (reporter.kind()) {
            case IMPORTED -> LeadChannel.NATIONAL_NETWORK;
            case PARTNER -> LeadChannel.PARTNER;
            case FAMILY -> LeadChannel.STAFF_INQUIRY;
            case POLICE -> LeadChannel.POLICE_POPULATION_REGISTRY;
        };
    }

    public boolean exists() {
        return id != null;
    }

    public Reporter reporter() {
        return reporter;
    }

    public Details details() {
        return details;
    }

    public Status status() {
        return status;
    }

    public boolean erased() {
        return erased;
    }

    /**
     * Erases the report's personal values (ADR 35): the event says who and why; the command handler
     * destroys the report's key in the same transaction. In any status, once; a reason is required.
     */
    public List<NewEvent> erase(String reason, OffsetDateTime at) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidCommand("reason", "is required: say why the report's personal data are erased");
        }
        if (erased) {
            throw new StateConflict(
                    "Missing-person report " + id + " was erased already", "reportId", "already erased");
        }
        return List.of(new NewEvent(new MissingPersonReportErased(id, reason.strip()), at));
    }

    private void requireOpen(OffsetDateTime at) {
        if (erased) {
            throw new StateConflict(
                    "Missing-person report " + id + " was erased: nothing more is recorded about it",
                    "reportId",
                    "was erased");
        }
        if (status != Status.OPEN) {
            throw new StateConflict("Missing-person report " + id + " is " + status);
        }
        BusinessTimeOrder.notBefore(at, lastChangeAt, "the report's last change");
    }

    private static void validateReporter(Reporter r) {
        if (r == null || r.kind() == null) {
            throw new InvalidCommand("reporter.kind", "is required: FAMILY, PARTNER, POLICE or IMPORTED");
        }
        switch (r.kind()) {
            case FAMILY -> {
                require(r.name(), "reporter.name", "is required for a report by the family");
                require(r.phone(), "reporter.phone", "is required for a report by the family: how to reach them");
            }
            case PARTNER -> require(r.partnerId(), "reporter.partnerId", "is required for a report by a partner");
            case IMPORTED -> {
                require(r.source(), "reporter.source", "is required for an imported report (e.g. 全国寻亲网)");
                require(
                        r.sourceReference(),
                        "reporter.sourceReference",
                        "is required for an imported report: the source's own reference");
            }
            case POLICE -> {}
        }
        if (r.kind() != ReporterKind.PARTNER && r.partnerId() != null) {
            throw new InvalidCommand("reporter.partnerId", "is only given for a report by a PARTNER");
        }
    }

    /** Required fields and the dates and ages that cannot be. */
    static void validate(Details d, OffsetDateTime at) {
        require(d.name(), "name", "is required: the name the family uses (or the name heard)");
        if (d.sex() == null) {
            throw new InvalidCommand("sex", "is required: MALE, FEMALE or UNKNOWN");
        }
        if (d.lastSeenOn() == null) {
            throw new InvalidCommand("lastSeenOn", "is required: the date the person was last seen");
        }
        LocalDate today =
                BusinessTime.now().atZoneSameInstant(BusinessTime.PLATFORM_ZONE).toLocalDate();
        if (d.lastSeenOn().isAfter(today)) {
            throw new InvalidCommand("lastSeenOn", "is in the future");
        }
        if (d.lastSeenOn().getYear() < 1900) {
            throw new InvalidCommand("lastSeenOn", "is before 1900, which cannot be right");
        }
        if (d.lastSeenOn()
                .isAfter(at.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).toLocalDate())) {
            throw new RuleViolated("lastSeenOn", "is after the report was made (" + at.toLocalDate() + ")");
        }
        if (d.birthYear() != null) {
            if (d.birthYear() > today.getYear()) {
                throw new InvalidCommand("birthYear", "is in the future");
            }
            if (d.birthYear() < 1900) {
                throw new InvalidCommand("birthYear", "is before 1900, which cannot be right");
            }
            if (d.birthYear() > d.lastSeenOn().getYear()) {
                throw new RuleViolated(
                        "birthYear",
                        "is after the year the person was last seen ("
                                + d.lastSeenOn().getYear() + ")");
            }
        }
        if (d.ageWhenLastSeen() != null) {
            if (d.ageWhenLastSeen() < 0 || d.ageWhenLastSeen() > 120) {
                throw new InvalidCommand("ageWhenLastSeen", "must be between 0 and 120");
            }
            if (d.birthYear() != null && Math.abs(d.lastSeenOn().getYear() - d.birthYear() - d.ageWhenLastSeen()) > 1) {
                throw new RuleViolated(
                        "ageWhenLastSeen",
                        "does not agree with birthYear " + d.birthYear() + " and lastSeenOn " + d.lastSeenOn());
            }
        }
        if (d.hometownCode() != null && !d.hometownCode().matches("\\d{6}")) {
            throw new InvalidCommand("hometownCode", "must be a 6-digit administrative-division code (GB/T 2260)");
        }
        if (d.hometownCode() != null && Divisions.get().find(d.hometownCode()).isEmpty()) {
            throw new InvalidCommand(
                    "hometownCode",
                    "is not a province, city or county code of the division data; closest: "
                            + String.join(
                                    "、",
                                    Divisions.get().closest(d.hometownCode(), d.hometown(), 5).stream()
                                            .map(v -> v.code() + " "
                                                    + Divisions.get().fullName(v.code()))
                                            .toList()));
        }
    }

    private static void require(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommand(field, message);
        }
    }

    private static <T> T or(T changed, T current) {
        return changed != null ? changed : current;
    }

    private void evolve(EventEnvelope envelope) {
        MissingPersonReportEvent event = (MissingPersonReportEvent) envelope.payload();
        lastChangeAt = envelope.occurredAt();
        if (event instanceof MissingPersonReportSubmitted e) {
            id = e.reportId();
            reporter = new Reporter(
                    e.reporterKind(),
                    e.partnerId(),
                    e.source(),
                    e.sourceReference(),
                    e.reporterName(),
                    e.reporterRelation(),
                    e.reporterPhone());
            details = new Details(
                    e.name(),
                    e.otherNames() == null ? List.of() : new ArrayList<>(e.otherNames()),
                    e.sex(),
                    e.birthYear(),
                    e.ageWhenLastSeen(),
                    e.hometown(),
                    e.hometownCode(),
                    e.dialect(),
                    e.lastSeenOn(),
                    e.lastSeenPlace(),
                    e.description());
            status = Status.OPEN;
        } else if (event instanceof MissingPersonReportUpdated e) {
            details = new Details(
                    e.name(),
                    e.otherNames() == null ? List.of() : new ArrayList<>(e.otherNames()),
                    e.sex(),
                    e.birthYear(),
                    e.ageWhenLastSeen(),
                    e.hometown(),
                    e.hometownCode(),
                    e.dialect(),
                    e.lastSeenOn(),
                    e.lastSeenPlace(),
                    e.description());
        } else if (event instanceof MissingPersonReportWithdrawn) {
            status = Status.WITHDRAWN;
        } else if (event instanceof MissingPersonFound) {
            status = Status.FOUND;
        } else if (event instanceof CandidateExcluded e) {
            excludedAtScore.put(e.personId(), e.score());
        } else if (event instanceof CandidateTurnedIntoLead e) {
            leads.put(e.personId(), e.leadId());
        } else if (event instanceof MissingPersonReportErased) {
            erased = true;
        }
    }
}
