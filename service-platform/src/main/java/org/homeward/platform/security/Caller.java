package org.homeward.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.homeward.events.Actor;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.problem.HomewardException;

/** Who is calling, from the verified token: the actor of every event this request appends. */
@RequestScoped
public class Caller {
    private static final List<String> ROLE_ORDER = List.of(Roles.ADMIN, Roles.STATION_STAFF, Roles.SEARCH_TEAM,
            Roles.POLICE_LIAISON, Roles.OUTREACH_WORKER, Roles.PARTNER, Roles.REPORT_VIEWER);

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
