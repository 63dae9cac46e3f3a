package org.homeward.events.search;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.intake.Sex;

/**
 * A missing-person report (寻人登记) and what the search team decided about the residents proposed
 * for it. Submitted and Updated carry the whole description as it stands after the command.
 */
public sealed interface MissingPersonReportEvent extends DomainEvent {
    UUID reportId();

    /** {@code reporterName}, {@code reporterRelation}, {@code reporterPhone}: a family member's contact details. */
    record MissingPersonReportSubmitted(
            UUID reportId,
            ReporterKind reporterKind,
            String partnerId,
            String source,
            String sourceReference,
            String reporterName,
            String reporterRelation,
            String reporterPhone,
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
            String description)
            implements MissingPersonReportEvent {}

    record MissingPersonReportUpdated(
            UUID reportId,
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
            String description)
            implements MissingPersonReportEvent {}

    record MissingPersonReportWithdrawn(UUID reportId, String reason) implements MissingPersonReportEvent {}

    /** The missing person was found (by this platform or elsewhere); {@code personId} when it is a resident. */
    record MissingPersonFound(UUID reportId, UUID personId, String note) implements MissingPersonReportEvent {}

    /** The team ruled a proposed resident out, at the score the pair had then. */
    record CandidateExcluded(UUID reportId, UUID personId, int score, String reason, String excludedBy)
            implements MissingPersonReportEvent {}

    /** A proposed resident became a lead on their search case, under the channel of the report's source. */
    record CandidateTurnedIntoLead(
            UUID reportId, UUID personId, UUID caseId, UUID leadId, LeadChannel channel, int score)
            implements MissingPersonReportEvent {}
}
