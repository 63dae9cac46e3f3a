package org.homeward.domain;

import java.util.List;

/**
 * A command refused by the domain, named by why: the command is malformed ({@link InvalidCommand}),
 * it breaks a rule of the station's work ({@link RuleViolated}), it conflicts with the record's
 * current state ({@link StateConflict}), or it names a record that does not exist
 * ({@link UnknownRecord}). No HTTP here: the service platform maps each kind to its answer.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidCommand, RuleViolated, StateConflict, UnknownRecord {
    private final List<Violation> violations;

    protected DomainException(String detail, List<Violation> violations) {
        super(detail);
        this.violations = List.copyOf(violations);
    }

    /** The fields at fault, each with what is wrong with it (may be empty). */
    public List<Violation> violations() {
        return violations;
    }

    /** One field of the command and what is wrong with it. */
    public record Violation(String field, String message) {}

    static List<Violation> on(String field, String message) {
        return field == null ? List.of() : List.of(new Violation(field, message));
    }
}
