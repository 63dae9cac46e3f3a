package org.homeward.events.outreach;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;

/** A person met on the street, or a patient met by a hospital post. Every event names the programme. */
public sealed interface StreetCaseEvent extends DomainEvent {
    UUID caseId();

    UUID programId();

    record StreetCaseOpened(UUID caseId, UUID programId, String location, String description)
            implements StreetCaseEvent {}

    record ContactMade(
            UUID caseId,
            UUID programId,
            UUID contactId,
            List<OutreachService> services,
            BigDecimal suppliesValue,
            UUID patrolId,
            String madeBy)
            implements StreetCaseEvent {}

    record StreetCaseIdentified(UUID caseId, UUID programId, String name, String hometown) implements StreetCaseEvent {}

    /** {@code referralId} and {@code stationId} are set when the outcome is ADMITTED_TO_STATION. */
    record OutcomeRecorded(
            UUID caseId, UUID programId, StreetOutcome outcome, UUID referralId, String stationId, String name)
            implements StreetCaseEvent {}

    /** The patient is the station's own hospitalised resident (person and stay in intake): one person, not two. */
    record LinkedToResident(UUID caseId, UUID programId, UUID personId, UUID stayId) implements StreetCaseEvent {}

    record OutcomeCorrected(UUID caseId, UUID programId, StreetOutcome outcome, String reason)
            implements StreetCaseEvent {}
}
