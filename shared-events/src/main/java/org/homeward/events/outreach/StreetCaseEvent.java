package org.homeward.events.outreach;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.personal.DataSubject;
import org.homeward.events.personal.Personal;

/**
 * A person met on the street, or a patient met by a hospital post. Every event names the programme. The
 * case is the data subject of its personal values (ADR 35): sealed with the case's key, destroyed when
 * the person it became at a station, or the resident it was linked to, is erased.
 */
public sealed interface StreetCaseEvent extends DomainEvent {
    UUID caseId();

    UUID programId();

    record StreetCaseOpened(
            @DataSubject UUID caseId,
            UUID programId,
            String location,
            @Personal String description) implements StreetCaseEvent {}

    record ContactMade(
            UUID caseId,
            UUID programId,
            UUID contactId,
            List<OutreachService> services,
            BigDecimal suppliesValue,
            UUID patrolId,
            String madeBy)
            implements StreetCaseEvent {}

    record StreetCaseIdentified(
            @DataSubject UUID caseId,
            UUID programId,
            @Personal String name,
            @Personal String hometown) implements StreetCaseEvent {}

    /** {@code referralId} and {@code stationId} are set when the outcome is ADMITTED_TO_STATION. */
    record OutcomeRecorded(
            @DataSubject UUID caseId,
            UUID programId,
            StreetOutcome outcome,
            UUID referralId,
            String stationId,
            @Personal String name)
            implements StreetCaseEvent {}

    /** The patient is the station's own hospitalised resident (person and stay in intake): one person, not two. */
    record LinkedToResident(UUID caseId, UUID programId, UUID personId, UUID stayId) implements StreetCaseEvent {}

    record OutcomeCorrected(
            @DataSubject UUID caseId,
            UUID programId,
            StreetOutcome outcome,
            @Personal String reason) implements StreetCaseEvent {}
}
