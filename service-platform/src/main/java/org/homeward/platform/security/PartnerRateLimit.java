package org.homeward.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.homeward.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A partner integration gets {@code homeward.partner.requests-per-minute} calls a minute (per
 * instance); past that it is answered 429 with Retry-After, so one partner cannot crowd out staff.
 */
public class PartnerRateLimit {
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    @Inject
    CurrentIdentityAssociation identities;

    @ConfigProperty(name = "homeward.partner.requests-per-minute", defaultValue = "600")
    int perMinute;

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()
                    || !identity.hasRole(Roles.PARTNER)
                    || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                return null;
            }
            Object partner = token.getClaim("partnerId");
            long minute = System.currentTimeMillis() / 60_000;
            long[] window = windows.compute(
                    String.valueOf(partner),
                    (k, w) -> w == null || w[0] != minute ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
            if (window[1] <= perMinute) {
                return null;
            }
            return Response.fromResponse(Problem.response(
                            429,
                            "Too many requests",
                            "Partner " + partner + " exceeded " + perMinute + " requests a minute",
                            List.of()))
                    .header("Retry-After", 60 - (System.currentTimeMillis() / 1000) % 60)
                    .build();
        });
    }
}
