package org.homeward.platform.problem;

import org.homeward.domain.DomainException;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.domain.UnknownRecord;

/**
 * The one place a domain refusal gets its HTTP meaning: a malformed command 400, an unknown record
 * 404, a conflict with the record's state 409, a broken rule of the station's work 422. Used by the
 * HTTP mapper and by imports, which report the same refusal as a problem of the row.
 */
public final class DomainProblems {

    public static HomewardException asProblem(DomainException e) {
        var errors = e.violations().stream()
                .map(v -> new FieldError(v.field(), v.message()))
                .toList();
        if (e instanceof InvalidCommand) {
            return new HomewardException(400, "Invalid request", e.getMessage(), errors);
        } else if (e instanceof UnknownRecord) {
            return new HomewardException(404, "Not found", e.getMessage(), errors);
        } else if (e instanceof StateConflict) {
            return new HomewardException(409, "Conflict", e.getMessage(), errors);
        } else if (e instanceof RuleViolated) {
            return new HomewardException(422, "Rule violated", e.getMessage(), errors);
        }
        throw new IllegalStateException(
                "A domain refusal without an answer: " + e.getClass().getName(), e);
    }

    /** A refusal from either side of the edge, as the problem it answers. */
    public static HomewardException asProblem(RuntimeException e) {
        return e instanceof DomainException d ? asProblem(d) : (HomewardException) e;
    }

    private DomainProblems() {}
}
