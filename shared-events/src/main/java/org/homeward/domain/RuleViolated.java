package org.homeward.domain;

/** A well-formed command that breaks a rule of the station's work (e.g. a discharge before the admission). */
public final class RuleViolated extends DomainException {
    /** {@code field} may be null when the rule is about the record as a whole. */
    public RuleViolated(String field, String detail) {
        super(detail, on(field, detail));
    }
}
