package org.homeward.events.outreach;

/** How a street case ended; {@link #rescued()} is the one definition of 成功救助 (reports' SQL is built from it). */
public enum StreetOutcome {
    REUNITED,
    REINTEGRATED,
    ADMITTED_TO_STATION,
    LOST_CONTACT,
    DECEASED;

    /** Rescued (成功救助): picked up by relatives, or back in society. */
    public boolean rescued() {
        return this == REUNITED || this == REINTEGRATED;
    }
}
