package org.homeward.search.searchcase;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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
import org.homeward.domain.UnknownRecord;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.OpeningReason;
import org.homeward.events.search.SearchCaseEvent;
import org.homeward.events.search.SearchCaseEvent.DnaSampleRequested;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.LeadVerified;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;
import org.homeward.events.search.SearchCaseEvent.SearchCaseClosed;
import org.homeward.events.search.SearchCaseEvent.SearchCaseOpened;
import org.homeward.events.search.VerificationOutcome;

/**
 * The family search (寻亲) for one person: leads with their channels, verification, notices, and
 * the one success, credited to the confirmed lead that found the family.
 */
@Aggregate
public final class SearchCase {
    public static final String STREAM = "search-case";

    private record Lead(LeadChannel channel, String partnerId, String reportedBy, VerificationOutcome outcome) {}

    private UUID id;
    private UUID personId;
    private OffsetDateTime openedAt;
    private boolean closed;
    private boolean succeeded;
    private final Map<UUID, Lead> leads = new LinkedHashMap<>();

    public static SearchCase from(LoadedStream stream) {
        SearchCase searchCase = new SearchCase();
        stream.events().forEach(searchCase::evolve);
        return searchCase;
    }

    public static List<NewEvent> open(
            UUID caseId, UUID personId, OpeningReason reason, UUID stayId, OffsetDateTime at) {
        return List.of(new NewEvent(new SearchCaseOpened(caseId, personId, reason, stayId), at));
    }

    public List<NewEvent> recordLead(
            UUID leadId, LeadChannel channel, String partnerId, String summary, String reportedBy, OffsetDateTime at) {
        requireWorkable(at);
        if (channel == LeadChannel.PARTNER && partnerId == null) {
            throw new InvalidCommand("partnerId", "is required for a lead from a PARTNER");
        }
        if (channel != LeadChannel.PARTNER && partnerId != null) {
            throw new InvalidCommand("partnerId", "is only given for a lead from a PARTNER");
        }
        return List.of(
                new NewEvent(new LeadRecorded(id, personId, leadId, channel, partnerId, summary, reportedBy), at));
    }

    public List<NewEvent> verifyLead(
            UUID leadId, VerificationOutcome outcome, List<String> contacted, OffsetDateTime at) {
        requireWorkable(at);
        Lead lead = leads.get(leadId);
        if (lead == null) {
            throw new UnknownRecord("Lead", leadId + " in case " + id);
        }
        if (lead.outcome() != null) {
            throw new StateConflict("Lead " + leadId + " was already verified: " + lead.outcome());
        }
        return List.of(new NewEvent(new LeadVerified(id, personId, leadId, outcome, contacted), at));
    }

    public List<NewEvent> publishNotice(UUID noticeId, NoticeMedium medium, OffsetDateTime at) {
        requireWorkable(at);
        return List.of(new NewEvent(new NoticePublished(id, personId, noticeId, medium), at));
    }

    public List<NewEvent> requestDnaSample(OffsetDateTime at) {
        requireWorkable(at);
        return List.of(new NewEvent(new DnaSampleRequested(id, personId), at));
    }

    /** Success names a CONFIRMED lead of this case and is accepted once. */
    public List<NewEvent> recordSuccess(UUID leadId, String creditedStaff, String creditedUnit, OffsetDateTime at) {
        requireWorkable(at);
        Lead lead = leads.get(leadId);
        if (lead == null) {
            throw new RuleViolated("leadId", "Lead " + leadId + " is not a lead of this case");
        }
        if (lead.outcome() != VerificationOutcome.CONFIRMED) {
            throw new RuleViolated(
                    "leadId",
                    "Lead " + leadId + " is " + (lead.outcome() == null ? "not verified yet" : "REJECTED")
                            + "; success needs a CONFIRMED lead");
        }
        LeadChannel first = leads.values().iterator().next().channel();
        return List.of(new NewEvent(
                new FamilyFound(
                        id,
                        personId,
                        leadId,
                        lead.channel(),
                        lead.partnerId(),
                        first,
                        creditedStaff != null ? creditedStaff : lead.reportedBy(),
                        creditedUnit),
                at));
    }

    public List<NewEvent> close(ClosureReason reason, OffsetDateTime at) {
        if (closed) {
            return List.of();
        }
        return List.of(new NewEvent(new SearchCaseClosed(id, personId, reason), at.isBefore(openedAt) ? openedAt : at));
    }

    public boolean isOpen() {
        return id != null && !closed;
    }

    private void requireWorkable(OffsetDateTime at) {
        if (closed) {
            throw new StateConflict("Search case " + id + " is closed");
        }
        if (succeeded) {
            throw new StateConflict("The family of this case was already found");
        }
        BusinessTimeOrder.notBefore(at, openedAt, "the opening of the case");
    }

    private void evolve(EventEnvelope envelope) {
        SearchCaseEvent event = (SearchCaseEvent) envelope.payload();
        if (event instanceof SearchCaseOpened e) {
            id = e.caseId();
            personId = e.personId();
            openedAt = envelope.occurredAt();
        } else if (event instanceof LeadRecorded e) {
            leads.put(e.leadId(), new Lead(e.channel(), e.partnerId(), e.reportedBy(), null));
        } else if (event instanceof LeadVerified e) {
            leads.computeIfPresent(
                    e.leadId(), (k, l) -> new Lead(l.channel(), l.partnerId(), l.reportedBy(), e.outcome()));
        } else if (event instanceof FamilyFound) {
            succeeded = true;
        } else if (event instanceof SearchCaseClosed) {
            closed = true;
        }
    }
}
