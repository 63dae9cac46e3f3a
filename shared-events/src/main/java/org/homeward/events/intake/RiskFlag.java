package org.homeward.events.intake;

/**
 * The people at risk (重点人员) a station worker records by hand. Minor, elderly and long-term
 * hospitalised are derived (from the estimated age and the hospital episodes), never typed: see
 * docs/definitions.md. MINOR and ELDERLY may be recorded by hand only for a person with no
 * estimated age.
 */
public enum RiskFlag {
    MENTAL_DISORDER,
    INTELLECTUAL_DISABILITY,
    PHYSICAL_DISABILITY,
    MINOR,
    ELDERLY
}
