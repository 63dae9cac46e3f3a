package org.homeward.events.outreach;

import org.homeward.events.DomainEvent;

/** Volunteer work a partner does for the station, e.g. visits for identity inquiries (898 in 2018). */
public sealed interface PartnerWorkEvent extends DomainEvent {
    String partnerId();

    record VolunteerVisitsRecorded(String partnerId, int visits, String purpose) implements PartnerWorkEvent {}
}
