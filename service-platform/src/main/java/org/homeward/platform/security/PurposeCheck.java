package org.homeward.platform.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** An {@code X-Purpose} outside {@link Purpose} is refused before anything is read, so the audit log holds only known reasons. */
public class PurposeCheck {

    @ServerRequestFilter
    public Response requireKnownPurpose(ContainerRequestContext request) {
        if (Purpose.parse(request.getHeaderString(Purpose.HEADER)).isPresent()) {
            return null;
        }
        return Problem.response(
                400,
                "Invalid request",
                "Unknown purpose of access",
                List.of(new FieldError(Purpose.HEADER, "must be one of " + Purpose.allowed())));
    }
}
