package org.homeward.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.domain.DomainException;
import org.homeward.eventstore.ConcurrencyConflictException;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.input.BadParameterException;
import org.homeward.platform.input.UnstorableTextException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of every service leaves as application/problem+json (RFC 9457), naming the fields at fault. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response homeward(HomewardException e) {
        Response problem = Problem.response(e.status(), e.title(), e.getMessage(), e.errors());
        return e.retryAfterSeconds() == null
                ? problem
                : Response.fromResponse(problem)
                        .header("Retry-After", e.retryAfterSeconds())
                        .build();
    }

    /** Aggregates refuse with domain exceptions that know no HTTP; {@link DomainProblems} gives them their status. */
    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return homeward(DomainProblems.asProblem(e));
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyConflictException e) {
        return Problem.response(409, "Conflict", e.getMessage() + "; reload and try again", List.of());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return Problem.response(400, "Invalid request", "The request has invalid fields", errors);
    }

    @ServerExceptionMapper
    public Response badFormat(InvalidFormatException e) {
        String field = path(e);
        String detail = expected(e.getTargetType());
        return Problem.response(400, "Invalid request", field + " " + detail, List.of(new FieldError(field, detail)));
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        String field = path(e);
        String detail = expected(e.getTargetType());
        return Problem.response(400, "Invalid request", field + " " + detail, List.of(new FieldError(field, detail)));
    }

    @ServerExceptionMapper
    public Response unstorableText(UnstorableTextException e) {
        String field = path(e);
        return Problem.response(
                400, "Invalid request", field + " " + e.reason(), List.of(new FieldError(field, e.reason())));
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Problem.response(
                400, "Invalid request", e.getMessage(), List.of(new FieldError(e.parameter(), e.reason())));
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
        return Problem.response(
                400,
                "Malformed JSON",
                "The body is not valid JSON: " + e.getOriginalMessage(),
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
    public Response unsupportedMediaType(NotSupportedException e) {
        return Problem.response(
                415,
                "Unsupported media type",
                "The body must be sent as application/json",
                List.of(new FieldError("Content-Type", "must be application/json")));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        String allowed = String.join(
                ", ", e.getResponse().getAllowedMethods().stream().sorted().toList());
        Response problem = Problem.response(
                405,
                "Method not allowed",
                "This resource answers " + allowed,
                List.of(new FieldError("method", "must be one of " + allowed)));
        return Response.fromResponse(problem)
                .allow(e.getResponse().getAllowedMethods())
                .build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return Problem.response(
                406,
                "Not acceptable",
                "This resource answers application/json",
                List.of(new FieldError("Accept", "must accept application/json")));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Response.fromResponse(Problem.response(
                        401,
                        "Unauthorized",
                        "A valid bearer token is required",
                        List.of(new FieldError("Authorization", "is required: Bearer <token>"))))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Response.fromResponse(Problem.response(
                        401,
                        "Unauthorized",
                        "The bearer token was not accepted",
                        List.of(new FieldError("Authorization", "was not accepted"))))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", "Your role may not do this", List.of());
    }

    /** The database unreachable or overloaded: nothing was stored, and a retry later may succeed. */
    @ServerExceptionMapper
    public Response database(Transactions.DataAccessException e) {
        String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
        if (state == null
                || state.startsWith("08")
                || state.startsWith("57")
                || state.startsWith("53")
                || state.startsWith("40")) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return Response.fromResponse(Problem.response(
                            503,
                            "Service unavailable",
                            "The database is not reachable; nothing was changed. Retry shortly.",
                            List.of()))
                    .header("Retry-After", 5)
                    .build();
        }
        return unexpected(e);
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

    /** What a JSON value of the target type looks like, for a value that was something else. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or shape";
        } else if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        } else if (type == String.class) {
            return "must be a JSON string";
        } else if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == BigInteger.class) {
            return "must be a whole number";
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        } else if (type == OffsetDateTime.class) {
            return "must be an ISO-8601 date-time with offset, e.g. 2018-06-01T09:00:00+08:00";
        } else if (type == LocalDate.class) {
            return "must be a date YYYY-MM-DD";
        } else if (type == UUID.class) {
            return "must be a UUID";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "has the wrong type or shape";
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "register.request.person.sex" -> "person.sex": drop the method and parameter names
        // a list element's own constraint ("languages[0].<list element>") is named by its index: "languages[0]"
        String[] parts =
                v.getPropertyPath().toString().replace(".<list element>", "").split("\\.");
        return parts.length > 2
                ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
