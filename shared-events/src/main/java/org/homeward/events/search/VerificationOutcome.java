package org.homeward.events.search;

public enum VerificationOutcome {
    CONFIRMED,
    REJECTED
}
