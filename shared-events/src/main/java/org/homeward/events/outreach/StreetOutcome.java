package org.homeward.events.outreach;

public enum StreetOutcome {
    REUNITED, REINTEGRATED, ADMITTED_TO_STATION, LOST_CONTACT, DECEASED;

    /** Rescued (成功救助): picked up by relatives, or back in society. */
    public boolean rescued() {
        return this == REUNITED || this == REINTEGRATED;
    }
}
