package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;

/** An arrival the station expects because outreach brought someone to it. */
public sealed interface ReferralEvent extends DomainEvent {
    record ArrivalExpected(UUID referralId, UUID streetCaseId, String stationId, String name)
            implements ReferralEvent {}

    record ArrivalRecorded(UUID referralId, UUID stayId, UUID personId) implements ReferralEvent {}
}
