package org.homeward.events.intake;

/** Who a fragment came from: station staff, a volunteer or the police. */
public enum FragmentSource {
    STAFF,
    VOLUNTEER,
    POLICE
}
