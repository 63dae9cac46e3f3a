package org.homeward.domain;

import java.util.List;

/** The command conflicts with the record's current state (already done, already closed, already linked). */
public final class StateConflict extends DomainException {
    public StateConflict(String detail) {
        super(detail, List.of());
    }

    /** Naming the field whose value conflicts, with what is wrong with it. */
    public StateConflict(String detail, String field, String message) {
        super(detail, on(field, message));
    }
}
