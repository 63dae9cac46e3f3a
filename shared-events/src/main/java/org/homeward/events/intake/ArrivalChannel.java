package org.homeward.events.intake;

public enum ArrivalChannel {
    SELF,
    POLICE,
    OUTREACH_REFERRAL,
    HOSPITAL,
    OTHER_STATION,
    PUBLIC
}
