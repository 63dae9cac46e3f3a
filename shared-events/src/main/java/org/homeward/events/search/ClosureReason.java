package org.homeward.events.search;

/** Why a search case closed; a final placement (安置) does not close it. */
public enum ClosureReason {
    PERSON_DISCHARGED,
    MANUAL,
    PERSON_DECEASED
}
