package org.homeward.platform.security;

import java.util.Set;

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

    /** A token with none of these is refused everywhere (403), whatever the endpoint. */
    public static final Set<String> ALL =
            Set.of(STATION_STAFF, SEARCH_TEAM, OUTREACH_WORKER, POLICE_LIAISON, PARTNER, REPORT_VIEWER, ADMIN);

    private Roles() {}
}
