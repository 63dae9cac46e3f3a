package org.homeward.platform.security;

/** The roles of SPEC §6, as the token's groups name them. */
public final class Roles {
    public static final String STATION_STAFF = "STATION_STAFF";
    public static final String SEARCH_TEAM = "SEARCH_TEAM";
    public static final String OUTREACH_WORKER = "OUTREACH_WORKER";
    public static final String POLICE_LIAISON = "POLICE_LIAISON";
    /** Bound to one partnerId (token claim {@code partnerId}). */
    public static final String PARTNER = "PARTNER";
    public static final String REPORT_VIEWER = "REPORT_VIEWER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
