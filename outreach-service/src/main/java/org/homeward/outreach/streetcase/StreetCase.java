package org.homeward.outreach.streetcase;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
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
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.outreach.StreetCaseEvent.ContactMade;
import org.homeward.events.outreach.StreetCaseEvent.LinkedToResident;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeCorrected;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseIdentified;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.events.outreach.StreetOutcome;

/**
 * A person met on the street, or a patient met by a hospital post: contacts and services, the
 * identity established outside the station, and one final outcome (changed only by a correction).
 */
@Aggregate
public final class StreetCase {
    public static final String STREAM = "street-case";

    private UUID id;
    private UUID programId;
    private OffsetDateTime openedAt;
    private StreetOutcome outcome;
    private String name;
    private UUID residentPersonId;

    public static StreetCase from(LoadedStream stream) {
        StreetCase streetCase = new StreetCase();
        stream.events().forEach(streetCase::evolve);
        return streetCase;
    }

    public static List<NewEvent> open(
            UUID caseId, UUID programId, String location, String description, OffsetDateTime at) {
        return List.of(new NewEvent(new StreetCaseOpened(caseId, programId, location, description), at));
    }

    public List<NewEvent> recordContact(
            UUID contactId,
            List<OutreachService> services,
            BigDecimal suppliesValue,
            UUID patrolId,
            String madeBy,
            OffsetDateTime at) {
        requireOngoing(at);
        if (suppliesValue != null && suppliesValue.signum() < 0) {
            throw new InvalidCommand("suppliesValue", "must not be negative");
        }
        return List.of(
                new NewEvent(new ContactMade(id, programId, contactId, services, suppliesValue, patrolId, madeBy), at));
    }

    public List<NewEvent> identify(String name, String hometown, OffsetDateTime at) {
        requireOngoing(at);
        return List.of(new NewEvent(new StreetCaseIdentified(id, programId, name, hometown), at));
    }

    /** ADMITTED_TO_STATION refers the person to the programme's station under a new referral id. */
    public List<NewEvent> recordOutcome(StreetOutcome outcome, String stationId, OffsetDateTime at) {
        requireOngoing(at);
        boolean referral = outcome == StreetOutcome.ADMITTED_TO_STATION;
        return List.of(new NewEvent(
                new OutcomeRecorded(
                        id,
                        programId,
                        outcome,
                        referral ? UUID.randomUUID() : null,
                        referral ? stationId : null,
                        referral ? name : null),
                at));
    }

    /**
     * The hospital post's patient is the station's own resident in hospital (checked by the caller
     * against what outreach knows of intake's stays). Linking again to the same person changes
     * nothing; to another person is a conflict.
     */
    public List<NewEvent> linkToResident(UUID personId, UUID stayId, OffsetDateTime at) {
        return linkToResident(personId, stayId, residentPersonId, at);
    }

    /**
     * As above, {@code linkedReadsAs} being the person the record linked already reads as now: its survivor
     * while intake has merged it away (ADR 23), so linking that survivor is linking the same person again.
     */
    public List<NewEvent> linkToResident(UUID personId, UUID stayId, UUID linkedReadsAs, OffsetDateTime at) {
        if (id == null) {
            throw new UnknownRecord("Street case", "");
        }
        if (personId.equals(residentPersonId) || (residentPersonId != null && personId.equals(linkedReadsAs))) {
            return List.of();
        }
        if (residentPersonId != null) {
            UUID linked = linkedReadsAs == null ? residentPersonId : linkedReadsAs;
            throw new StateConflict(
                    "The case is already linked to resident " + linked, "personId", "already linked to " + linked);
        }
        BusinessTimeOrder.notBefore(at, openedAt, "the opening of the case");
        return List.of(new NewEvent(new LinkedToResident(id, programId, personId, stayId), at));
    }

    public List<NewEvent> correctOutcome(StreetOutcome corrected, String reason, OffsetDateTime at) {
        if (outcome == null) {
            throw new RuleViolated("outcome", "The case has no outcome to correct; record one instead");
        }
        if (outcome == corrected) {
            return List.of();
        }
        BusinessTimeOrder.notBefore(at, openedAt, "the opening of the case");
        return List.of(new NewEvent(new OutcomeCorrected(id, programId, corrected, reason), at));
    }

    private void requireOngoing(OffsetDateTime at) {
        if (outcome != null) {
            throw new StateConflict("Street case " + id + " already has its final outcome " + outcome
                    + "; only a correction can change it");
        }
        BusinessTimeOrder.notBefore(at, openedAt, "the opening of the case");
    }

    private void evolve(EventEnvelope envelope) {
        StreetCaseEvent event = (StreetCaseEvent) envelope.payload();
        if (event instanceof StreetCaseOpened e) {
            id = e.caseId();
            programId = e.programId();
            openedAt = envelope.occurredAt();
        } else if (event instanceof StreetCaseIdentified e) {
            name = e.name();
        } else if (event instanceof OutcomeRecorded e) {
            outcome = e.outcome();
        } else if (event instanceof OutcomeCorrected e) {
            outcome = e.outcome();
        } else if (event instanceof LinkedToResident e) {
            residentPersonId = e.personId();
        }
    }
}
