package org.homeward.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * POST commands honour {@code Idempotency-Key}: the key is reserved before the command runs, the
 * successful answer is stored under it, and a retry gets that first answer without appending
 * anything. A failed command frees its key, so a corrected retry can use it.
 */
public class IdempotencyKeys {
    private static final String HEADER = "Idempotency-Key";
    private static final String PROPERTY = "homeward.idempotency-key";

    @Inject
    EventSourcing sourcing;

    @Inject
    ObjectMapper json;

    @ServerRequestFilter
    public Optional<Response> reserve(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200) {
            return Optional.of(Problem.response(400, "Invalid request", "Idempotency-Key must have 1 to 200 characters",
                    List.of(new FieldError(HEADER, "must have 1 to 200 characters"))));
        }
        String scoped = request.getUriInfo().getPath() + " " + key;
        String hash = bodyHash(request);
        return sourcing.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO idempotent_request (key, request_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, scoped);
                insert.setString(2, hash);
                if (insert.executeUpdate() == 1) {
                    request.setProperty(PROPERTY, scoped);
                    return Optional.<Response>empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT status, content_type, body, request_hash FROM idempotent_request WHERE key = ?")) {
                select.setString(1, scoped);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    if (rs.getString(4) != null && !rs.getString(4).equals(hash)) {
                        return Optional.of(Problem.response(422, "Rule violated",
                                "This Idempotency-Key was used for a different request", List.of(new FieldError(HEADER,
                                        "was used for a different request"))));
                    }
                    int status = rs.getInt(1);
                    if (rs.wasNull()) {
                        return Optional.of(Problem.response(409, "Conflict",
                                "A request with this Idempotency-Key is still being processed", List.of()));
                    }
                    return Optional.of(Response.status(status).type(rs.getString(2)).entity(rs.getString(3))
                            .header("Idempotent-Replayed", "true").build());
                }
            }
        });
    }

    /** Reads the body to hash it, and puts it back for the endpoint. */
    private static String bodyHash(ContainerRequestContext request) {
        try {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new java.io.ByteArrayInputStream(body));
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response) {
        String scoped = (String) request.getProperty(PROPERTY);
        if (scoped == null) {
            return;
        }
        boolean success = response.getStatus() < 300;
        sourcing.inTransaction(c -> {
            if (success) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE idempotent_request SET status = ?, content_type = ?, body = ? WHERE key = ?")) {
                    ps.setInt(1, response.getStatus());
                    ps.setString(2, MediaType.APPLICATION_JSON);
                    ps.setString(3, response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null);
                    ps.setString(4, scoped);
                    return ps.executeUpdate();
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotent_request WHERE key = ?")) {
                ps.setString(1, scoped);
                return ps.executeUpdate();
            }
        });
    }
}
