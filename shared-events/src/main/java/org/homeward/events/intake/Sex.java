package org.homeward.events.intake;

public enum Sex {
    MALE,
    FEMALE,
    UNKNOWN
}
