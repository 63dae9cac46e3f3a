package org.homeward.platform.problem;

import java.util.List;

/**
 * A command or query refused for a reason the caller can act on. The status says which kind:
 * 400 bad input, 404 unknown id, 409 conflict with current state, 412 stale version, 422 a rule
 * of the station's work (e.g. discharge before admission).
 */
public class HomewardException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private Integer retryAfterSeconds;

    public HomewardException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static HomewardException badInput(String field, String message) {
        return new HomewardException(400, "Invalid request", message, List.of(new FieldError(field, message)));
    }

    public static HomewardException notFound(String what, Object id) {
        return new HomewardException(404, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static HomewardException conflict(String detail) {
        return new HomewardException(409, "Conflict", detail, List.of());
    }

    public static HomewardException rule(String field, String detail) {
        return new HomewardException(
                422, "Rule violated", detail, field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    /**
     * 409 with Retry-After: the command names something another service has announced but whose
     * event has not reached this service yet (its topics are consumed within seconds).
     */
    public static HomewardException notYetKnown(String field, String detail, int retryAfterSeconds) {
        HomewardException e =
                new HomewardException(409, "Not known yet", detail, List.of(new FieldError(field, detail)));
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds after which a retry may succeed, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
