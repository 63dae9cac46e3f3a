package org.homeward.events;

/** One topic per producing service, keyed by stream id so one aggregate's events stay in order. */
public final class Topics {
    public static final String INTAKE = "homeward.intake";
    public static final String SEARCH = "homeward.search";
    public static final String OUTREACH = "homeward.outreach";
    /** search-service's outbound feed for partners: their own leads' fate, signed per partner. */
    public static final String PARTNER_FEED = "homeward.partner-feed";

    /** Records that could not be read go here, one topic per consuming service. */
    public static String deadLetter(String consumingService) {
        return "homeward.dlq." + consumingService;
    }

    private Topics() {}
}
