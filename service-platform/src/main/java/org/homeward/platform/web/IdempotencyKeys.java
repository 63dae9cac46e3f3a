package org.homeward.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * POST commands honour {@code Idempotency-Key}. The key, scoped by caller (token subject and
 * partnerId) and path, is inserted in a transaction that the command then joins, and its answer is
 * written in that same transaction before it commits: the events and the answer are stored
 * together or not at all, so no key is ever left "in progress" by a crash. A concurrent request
 * with the same key waits on the key's row and then gets the first answer. A failed command rolls
 * back and frees its key, so a corrected retry can use it.
 */
public class IdempotencyKeys {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final String HEADER = "Idempotency-Key";
    private static final String SCOPE = "homeward.idempotency-scope";
    private static final String KEY = "homeward.idempotency-key";

    @Inject
    EventSourcing sourcing;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public Optional<Response> reserve(ContainerRequestContext request, RoutingContext routing) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200) {
            return Optional.of(Problem.response(
                    400,
                    "Invalid request",
                    "Idempotency-Key must have 1 to 200 characters",
                    List.of(new FieldError(HEADER, "must have 1 to 200 characters"))));
        }
        String scoped = callerScope() + " " + request.getUriInfo().getPath() + " " + key;
        String hash = bodyHash(request);
        Transactions.Scope scope = sourcing.store().transactions().open();
        try {
            // the key's row and the answer need no savepoint: a failure of either rolls the request back whole;
            // only the command's own work has one, to be re-run after a lost race (ADR 11)
            Optional<Response> earlier = scope.inScope(c -> insertOrReplay(c, scoped, hash));
            if (earlier.isPresent()) {
                scope.rollback();
                return earlier;
            }
        } catch (RuntimeException e) {
            scope.rollback();
            throw e;
        }
        request.setProperty(SCOPE, scope);
        request.setProperty(KEY, scoped);
        routing.addEndHandler(ended -> scope.close()); // a request that ends without the response filter frees its key
        return Optional.empty();
    }

    private static Optional<Response> insertOrReplay(Connection c, String scoped, String hash) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO idempotent_request (key, request_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, scoped);
            insert.setString(2, hash);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT status, content_type, body, request_hash, location FROM idempotent_request WHERE key = ?")) {
            select.setString(1, scoped);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (rs.getString(4) != null && !rs.getString(4).equals(hash)) {
                    return Optional.of(Problem.response(
                            422,
                            "Rule violated",
                            "This Idempotency-Key was used for a different request",
                            List.of(new FieldError(HEADER, "was used for a different request"))));
                }
                int status = rs.getInt(1);
                if (rs.wasNull()) { // only rows written before answers were stored with their command
                    return Optional.of(Problem.response(
                            409,
                            "Conflict",
                            "A request with this Idempotency-Key is still being processed",
                            List.of()));
                }
                return Optional.of(Response.status(status)
                        .type(rs.getString(2))
                        .entity(rs.getString(3))
                        .header("Location", rs.getString(5)) // null: no header
                        .header("Idempotent-Replayed", "true")
                        .build());
            }
        }
    }

    /** Keys are per caller: another caller's key, even if equal, is another request. */
    private String callerScope() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        Object partner = token.getClaim("partnerId");
        return identity.getPrincipal().getName() + "|"
                + (partner == null ? "" : partner.toString().replace("\"", ""));
    }

    /** Reads the body to hash it, and puts it back for the endpoint. */
    private static String bodyHash(ContainerRequestContext request) {
        try {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response) {
        Transactions.Scope scope = (Transactions.Scope) request.getProperty(SCOPE);
        if (scope == null) {
            return;
        }
        if (response.getStatus() >= 300) {
            scope.rollback();
            return;
        }
        try {
            String body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
            scope.inScope(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE idempotent_request SET status = ?, content_type = ?, body = ?, location = ?, "
                                + "tx_id = pg_current_xact_id() WHERE key = ?")) {
                    ps.setInt(1, response.getStatus());
                    ps.setString(2, MediaType.APPLICATION_JSON);
                    ps.setString(3, body);
                    ps.setString(4, response.getHeaderString("Location"));
                    ps.setString(5, (String) request.getProperty(KEY));
                    return ps.executeUpdate();
                }
            });
            scope.commit();
        } catch (RuntimeException | JsonProcessingException e) {
            // Neither the command nor its answer is stored: say so rather than answer success.
            LOG.error("Could not store a command with its Idempotency-Key answer", e);
            scope.rollback();
            response.setStatus(503);
            response.getHeaders().putSingle("Retry-After", "5");
            Response problem = Problem.response(
                    503,
                    "Service unavailable",
                    "The command could not be stored; nothing was changed. Retry with the same Idempotency-Key.",
                    List.of());
            response.setEntity(problem.getEntity(), null, MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }
}
