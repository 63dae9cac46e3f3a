package org.homeward.events.search;

import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.personal.Personal;

/**
 * The family search (寻亲) for one person. Every event names the person, for the read side. A lead's
 * text, who reported it and whom the team contacted are sealed with search's key of that person,
 * destroyed when the person is erased (ADR 35).
 */
public sealed interface SearchCaseEvent extends DomainEvent {
    UUID caseId();

    UUID personId();

    record SearchCaseOpened(UUID caseId, UUID personId, OpeningReason reason, UUID stayId) implements SearchCaseEvent {}

    record LeadRecorded(
            UUID caseId,
            UUID personId,
            UUID leadId,
            LeadChannel channel,
            String partnerId,
            @Personal String summary,
            @Personal String reportedBy)
            implements SearchCaseEvent {}

    record LeadVerified(
            UUID caseId,
            UUID personId,
            UUID leadId,
            VerificationOutcome outcome,
            @Personal List<String> contacted) implements SearchCaseEvent {}

    record NoticePublished(UUID caseId, UUID personId, UUID noticeId, NoticeMedium medium) implements SearchCaseEvent {}

    record DnaSampleRequested(UUID caseId, UUID personId) implements SearchCaseEvent {}

    /** Success (寻亲成功), credited to one lead's channel; the first lead's channel is kept beside it. */
    record FamilyFound(
            UUID caseId,
            UUID personId,
            UUID leadId,
            LeadChannel channel,
            String partnerId,
            LeadChannel firstLeadChannel,
            String creditedStaff,
            String creditedUnit)
            implements SearchCaseEvent {}

    record SearchCaseClosed(UUID caseId, UUID personId, ClosureReason reason) implements SearchCaseEvent {}
}
