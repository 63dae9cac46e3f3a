package org.homeward.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.homeward.eventstore.ConcurrencyConflictException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of every service leaves as application/problem+json (RFC 9457), naming the fields at fault. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response homeward(HomewardException e) {
        return Problem.response(e.status(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyConflictException e) {
        return Problem.response(409, "Conflict", e.getMessage() + "; reload and try again", List.of());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return Problem.response(400, "Invalid request", "The request has invalid fields", errors);
    }

    @ServerExceptionMapper
    public Response badFormat(InvalidFormatException e) {
        String field = path(e);
        String detail = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "must be one of " + Arrays.toString(e.getTargetType().getEnumConstants())
                : "cannot be read as " + (e.getTargetType() == null ? "this type" : e.getTargetType().getSimpleName());
        return Problem.response(400, "Invalid request", field + " " + detail, List.of(new FieldError(field, detail)));
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        String field = path(e);
        return Problem.response(400, "Invalid request", "Field " + field + " has the wrong shape",
                List.of(new FieldError(field, "has the wrong type or shape")));
    }

    @ServerExceptionMapper
    public Response instantiation(ValueInstantiationException e) {
        String field = path(e);
        String cause = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
        return Problem.response(400, "Invalid request", cause, List.of(new FieldError(field, cause)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m) : "body";
        return Problem.response(400, "Malformed JSON", "The body is not valid JSON: " + e.getOriginalMessage(),
                List.of(new FieldError(field.isEmpty() ? "body" : field, "malformed JSON")));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return Problem.response(401, "Unauthorized", "A valid bearer token is required", List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return Problem.response(401, "Unauthorized", "The bearer token was not accepted", List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.response(403, "Forbidden", "Your role may not do this", List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return Problem.response(500, "Internal error", "Something went wrong; it has been logged", List.of());
    }

    static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "register.request.person.sex" -> "person.sex": drop the method and parameter names
        String[] parts = v.getPropertyPath().toString().split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
