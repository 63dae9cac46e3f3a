package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.personal.DataSubject;
import org.homeward.events.personal.Personal;

/**
 * An arrival the station expects because outreach brought someone to it. The name is sealed with the
 * referral's key, destroyed when the person who arrived is erased (ADR 35).
 */
public sealed interface ReferralEvent extends DomainEvent {
    record ArrivalExpected(
            @DataSubject UUID referralId,
            UUID streetCaseId,
            String stationId,
            @Personal String name) implements ReferralEvent {}

    record ArrivalRecorded(UUID referralId, UUID stayId, UUID personId) implements ReferralEvent {}
}
