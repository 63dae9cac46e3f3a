package org.homeward.events.intake;

/**
 * What the station decided for a stay past 10 days (the 10-day rule): escort home, transfer to
 * another station, entrusted care (托养), final placement (安置), or keep in the station while the
 * search goes on (for example in hospital or still being identified).
 */
public enum PlacementDecision {
    ESCORT_HOME,
    TRANSFER,
    ENTRUSTED_CARE,
    FINAL_PLACEMENT,
    KEEP_IN_STATION
}
