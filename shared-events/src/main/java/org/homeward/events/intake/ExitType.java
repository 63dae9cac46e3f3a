package org.homeward.events.intake;

public enum ExitType {
    FAMILY_PICKUP,
    ESCORTED_HOME,
    SELF_DEPARTURE,
    PLACED_IN_CARE,
    TRANSFERRED,
    DECEASED
}
