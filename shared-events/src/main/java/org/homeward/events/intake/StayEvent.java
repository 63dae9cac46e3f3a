package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;

/** One admission episode: a stay stays open while the person is in hospital. */
public sealed interface StayEvent extends DomainEvent {
    UUID stayId();

    /** {@code identified} tells whether the person's identity was confirmed when admitted. */
    record PersonAdmitted(UUID stayId, UUID personId, String stationId, ArrivalChannel arrivalChannel,
                          UUID referralId, boolean identified) implements StayEvent {}

    record HospitalisationStarted(UUID stayId, UUID hospitalisationId, String hospital) implements StayEvent {}

    record HospitalisationEnded(UUID stayId, UUID hospitalisationId) implements StayEvent {}

    record PersonDischarged(UUID stayId, UUID personId, String stationId, ExitType exitType) implements StayEvent {}
}
