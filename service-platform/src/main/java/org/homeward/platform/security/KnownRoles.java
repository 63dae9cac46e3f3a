package org.homeward.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.homeward.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A valid token that names no role of {@link Roles} (no groups, an empty list, an unknown name)
 * is refused on every endpoint, including those open to any authenticated caller.
 */
public class KnownRoles {

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> requireKnownRole(ContainerRequestContext request) {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous() || Roles.ALL.stream().anyMatch(identity::hasRole)) {
                return null;
            }
            return Problem.response(403, "Forbidden", "The token names no role of this platform", List.of());
        });
    }
}
