package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.personal.DataSubject;
import org.homeward.events.personal.Personal;

/**
 * One admission episode: a stay stays open while the person is in hospital or in entrusted care
 * (托养); it ends with a discharge, whose exit type says how (a final placement 安置 is one).
 */
public sealed interface StayEvent extends DomainEvent {
    UUID stayId();

    /** {@code identified} tells whether the person's identity was confirmed when admitted. */
    record PersonAdmitted(
            UUID stayId,
            UUID personId,
            String stationId,
            ArrivalChannel arrivalChannel,
            UUID referralId,
            boolean identified)
            implements StayEvent {}

    record HospitalisationStarted(UUID stayId, UUID hospitalisationId, String hospital) implements StayEvent {}

    record HospitalisationEnded(UUID stayId, UUID hospitalisationId) implements StayEvent {}

    /** Entrusted care (托养) began at a contracted institution; the person stays on the station's books. */
    record EntrustedCareStarted(UUID stayId, UUID entrustedCareId, String institution) implements StayEvent {}

    /** The person came back to the station from entrusted care (or it ended with the stay). */
    record EntrustedCareEnded(UUID stayId, UUID entrustedCareId) implements StayEvent {}

    /** The person moved from one institution to another: one period ended, the next began. */
    record EntrustedCareTransferred(UUID stayId, UUID fromEntrustedCareId, UUID entrustedCareId, String institution)
            implements StayEvent {}

    /** The person died: where, and what the station did (notified police, cremation, …); a discharge follows. */
    record DeathRecorded(
            UUID stayId,
            UUID personId,
            @Personal String place,
            @Personal String actionsTaken) implements StayEvent {}

    /** Exit details of a FAMILY_PICKUP, recorded with the discharge: who came and their relation to the person. */
    record FamilyPickupRecorded(
            @DataSubject UUID stayId, @Personal String pickedUpBy, String relation) implements StayEvent {}

    /** Exit details of an ESCORTED_HOME: where to, by what transport (tickets), which staff escorted. */
    record EscortHomeRecorded(
            @DataSubject UUID stayId, @Personal String destination, String transport, String escortStaff)
            implements StayEvent {}

    /** Exit details of a TRANSFERRED: the receiving station, one the registry knows. */
    record TransferRecorded(UUID stayId, String receivingStationId) implements StayEvent {}

    /** Exit details of a SELF_DEPARTURE: whether the person signed a statement, and its reference. */
    record SelfDepartureRecorded(UUID stayId, boolean signedStatement, String statementReference)
            implements StayEvent {}

    /** Exit details of a final placement (安置, PLACED_IN_CARE): the institution. */
    record FinalPlacementRecorded(UUID stayId, String institution) implements StayEvent {}

    /** The 10-day rule's placement decision (安置决定) on a stay still open: what the station will do. */
    record PlacementDecided(
            @DataSubject UUID stayId,
            PlacementDecision decision,
            @Personal String note) implements StayEvent {}

    record PersonDischarged(UUID stayId, UUID personId, String stationId, ExitType exitType) implements StayEvent {}
}
