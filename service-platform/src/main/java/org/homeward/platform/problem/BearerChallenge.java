package org.homeward.platform.problem;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The 401 of a missing or rejected bearer token as problem+json. The HTTP permission check
 * ({@code quarkus.http.auth.permission.api}) answers before JAX-RS and its exception mappers, with the
 * challenge of the authentication mechanisms and an empty body; this mechanism authenticates nobody
 * (SmallRye JWT does) and, asked first for the challenge, sends it with a body naming the header.
 */
@ApplicationScoped
public class BearerChallenge implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem(); // the next mechanism (JWT) authenticates
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge(context)));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.ended()) {
            boolean presented = context.request().getHeader("Authorization") != null;
            String message = presented
                    ? "was not accepted: a valid, unexpired bearer token of this platform is required"
                    : "is required: Bearer <token>";
            response.setStatusCode(401)
                    .putHeader("WWW-Authenticate", challenge(context))
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end("{\"type\":\"https://homeward.example/problems/unauthorized\",\"title\":\"Unauthorized\","
                            + "\"status\":401,\"detail\":\"Authorization " + message + "\","
                            + "\"errors\":[{\"field\":\"Authorization\",\"message\":\"" + message + "\"}]}");
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100; // asked for the challenge before SmallRye JWT
    }

    private static String challenge(RoutingContext context) {
        return context.request().getHeader("Authorization") == null ? "Bearer" : "Bearer error=\"invalid_token\"";
    }
}
