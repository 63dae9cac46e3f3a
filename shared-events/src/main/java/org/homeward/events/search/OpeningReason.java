package org.homeward.events.search;

public enum OpeningReason {
    UNIDENTIFIED_ADMISSION,
    MANUAL
}
