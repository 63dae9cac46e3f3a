package org.homeward.events.search;

public enum PartnerKind {
    NGO,
    MEDIA_PLATFORM,
    VOLUNTEER_NETWORK
}
