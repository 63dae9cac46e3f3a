package org.homeward.domain;

import java.util.List;

/** The command itself is malformed: a field is missing, out of range or contradicts another field. */
public final class InvalidCommand extends DomainException {
    public InvalidCommand(String field, String message) {
        super(message, on(field, message));
    }

    /** Several fields at once, e.g. every detail an exit type needs and the command lacks. */
    public InvalidCommand(String detail, List<Violation> violations) {
        super(detail, violations);
    }
}
