package org.homeward.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.homeward.events.Actor;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;

/** Who is calling, from the verified token: the actor of every event this request appends. */
@RequestScoped
public class Caller {
    private static final List<String> ROLE_ORDER = List.of(
            Roles.ADMIN,
            Roles.STATION_STAFF,
            Roles.SEARCH_TEAM,
            Roles.POLICE_LIAISON,
            Roles.OUTREACH_WORKER,
            Roles.PARTNER,
            Roles.REPORT_VIEWER);

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpHeaders headers;

    public Caller(SecurityIdentity identity, JsonWebToken token, HttpHeaders headers) {
        this.identity = identity;
        this.token = token;
        this.headers = headers;
    }

    public Actor actor() {
        if (identity.isAnonymous()) {
            return new Actor("anonymous", null, null);
        }
        String role = ROLE_ORDER.stream().filter(identity::hasRole).findFirst().orElse(null);
        return new Actor(identity.getPrincipal().getName(), role, partnerId());
    }

    public boolean isPartner() {
        return identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.ADMIN);
    }

    /** The partner a PARTNER token is bound to; a PARTNER token without one is refused. */
    public String partnerId() {
        if (!identity.hasRole(Roles.PARTNER)) {
            return null;
        }
        Object claim = token.getClaim("partnerId");
        if (claim == null || claim.toString().isBlank()) {
            throw new HomewardException(403, "Forbidden", "A PARTNER token must name its partnerId", List.of());
        }
        return claim.toString().replace("\"", "");
    }

    /** Refuses a PARTNER acting for another partner. */
    public void requireOwnPartner(String partnerId) {
        if (isPartner() && !partnerId().equals(partnerId)) {
            throw new HomewardException(403, "Forbidden", "A partner acts only for itself", List.of());
        }
    }

    /**
     * The station a user is bound to (token claim {@code stationId}); null at city / bureau level (no
     * claim) and for ADMIN, who see every station's work (ADR 13).
     */
    public String stationId() {
        if (identity.isAnonymous() || identity.hasRole(Roles.ADMIN)) {
            return null;
        }
        Object claim = token.getClaim("stationId");
        String station =
                claim == null ? null : claim.toString().replace("\"", "").strip();
        return station == null || station.isEmpty() ? null : station;
    }

    /**
     * The station a read covers: the one asked for ({@code stationId} query parameter; blank or
     * missing means all). A user bound to a station reads only its own: without a parameter it is
     * theirs, another station is 403.
     */
    public String stationScope(String requested) {
        String asked = requested == null || requested.isBlank() ? null : requested.strip();
        String own = stationId();
        if (own == null) {
            return asked;
        }
        if (asked != null && !asked.equals(own)) {
            throw new HomewardException(
                    403,
                    "Forbidden",
                    "A user of station " + own + " sees only that station's work",
                    List.of(new FieldError("stationId", "is not the caller's station")));
        }
        return own;
    }

    public Metadata metadata() {
        String correlation = headers.getHeaderString("X-Correlation-Id");
        UUID correlationId;
        try {
            correlationId = correlation == null ? UUID.randomUUID() : UUID.fromString(correlation);
        } catch (IllegalArgumentException e) {
            correlationId = UUID.randomUUID();
        }
        return new Metadata(actor(), correlationId, null);
    }

    /** Why the caller looks (header {@code X-Purpose}, one of {@link Purpose}); UNSPECIFIED without the header. */
    public String purpose() {
        return Purpose.parse(headers.getHeaderString(Purpose.HEADER))
                .orElseThrow(() -> HomewardException.badInput(Purpose.HEADER, "must be one of " + Purpose.allowed()))
                .name();
    }
}
