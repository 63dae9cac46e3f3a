package org.homeward.search.searchcase;

/**
 * The station a search case belongs to, in SQL over {@code search_case sc}: the station of the
 * stay it was opened for (known_stay, from intake's admissions); a case without a stay falls back
 * to the person's latest station. Each fragment binds the station twice (null = every station).
 */
public final class CaseStations {
    /** Joins for {@link #IN_STATION}; aliases ks and kps. */
    public static final String JOIN = " LEFT JOIN known_stay ks ON ks.stay_id = sc.stay_id "
            + "LEFT JOIN known_person kps ON kps.person_id = sc.person_id ";
    /** A condition: the case is at station ? (or ? is null). */
    public static final String IN_STATION = " (?::text IS NULL OR coalesce(ks.station_id, kps.station_id) = ?) ";

    /** Joins the first placement decision of the case's stay (10-day rule); alias spd, column decided_at. */
    public static final String PLACEMENT_JOIN = " LEFT JOIN stay_placement_decision spd ON spd.stay_id = sc.stay_id ";

    private CaseStations() {}
}
