package org.homeward.events.search;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.intake.Sex;
import org.homeward.events.personal.DataSubject;
import org.homeward.events.personal.Personal;

/**
 * A missing-person report (寻人登记) and what the search team decided about the residents proposed
 * for it. Submitted and Updated carry the whole description as it stands after the command.
 * <p>
 * The report is the data subject of its personal values (ADR 35): the missing person's and the
 * reporter's values are sealed with the report's key, destroyed when the report is erased.
 */
public sealed interface MissingPersonReportEvent extends DomainEvent {
    UUID reportId();

    /** {@code reporterName}, {@code reporterRelation}, {@code reporterPhone}: a family member's contact details. */
    record MissingPersonReportSubmitted(
            @DataSubject UUID reportId,
            ReporterKind reporterKind,
            String partnerId,
            String source,
            @Personal String sourceReference,
            @Personal String reporterName,
            @Personal String reporterRelation,
            @Personal String reporterPhone,
            @Personal String name,
            @Personal List<String> otherNames,
            Sex sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            @Personal String hometown,
            String hometownCode,
            @Personal String dialect,
            LocalDate lastSeenOn,
            @Personal String lastSeenPlace,
            @Personal String description)
            implements MissingPersonReportEvent {}

    record MissingPersonReportUpdated(
            @DataSubject UUID reportId,
            @Personal String name,
            @Personal List<String> otherNames,
            Sex sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            @Personal String hometown,
            String hometownCode,
            @Personal String dialect,
            LocalDate lastSeenOn,
            @Personal String lastSeenPlace,
            @Personal String description)
            implements MissingPersonReportEvent {}

    record MissingPersonReportWithdrawn(
            @DataSubject UUID reportId, @Personal String reason) implements MissingPersonReportEvent {}

    /** The missing person was found (by this platform or elsewhere); {@code personId} when it is a resident. */
    record MissingPersonFound(
            @DataSubject UUID reportId,
            UUID personId,
            @Personal String note) implements MissingPersonReportEvent {}

    /** The team ruled a proposed resident out, at the score the pair had then. */
    record CandidateExcluded(
            @DataSubject UUID reportId,
            UUID personId,
            int score,
            @Personal String reason,
            String excludedBy) implements MissingPersonReportEvent {}

    /** A proposed resident became a lead on their search case, under the channel of the report's source. */
    record CandidateTurnedIntoLead(
            UUID reportId, UUID personId, UUID caseId, UUID leadId, LeadChannel channel, int score)
            implements MissingPersonReportEvent {}

    /**
     * The report's personal values were erased (ADR 35): its key is destroyed, so every sealed value of
     * it reads as null from now on. Who erased it is the envelope's actor; the reason is the audit.
     */
    record MissingPersonReportErased(UUID reportId, String reason) implements MissingPersonReportEvent {}
}
