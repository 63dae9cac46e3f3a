package org.homeward.events.search;

/**
 * Who reported a person missing (寻人登记): a family member (contact details protected), a partner
 * platform, the police, or a report imported from the national family-search network or another
 * platform with that source's own reference.
 */
public enum ReporterKind {
    FAMILY,
    PARTNER,
    POLICE,
    IMPORTED
}
