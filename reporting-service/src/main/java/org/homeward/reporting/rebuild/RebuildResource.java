package org.homeward.reporting.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.security.Roles;

/** Drop-and-rebuild of all projections from the topics, with its progress. */
@Path("/api/admin/rebuild")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {
    private final Rebuilder rebuilder;

    public RebuildResource(Rebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @POST
    @APIResponse(
            responseCode = "202",
            description = "The rebuild runs in the background; its progress (Location) is read with GET",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Rebuilder.Progress.class)))
    public Response start() {
        return Response.accepted(rebuilder.start())
                .location(URI.create("/api/admin/rebuild"))
                .build();
    }

    @GET
    public Rebuilder.Progress progress() {
        return rebuilder.progress();
    }
}
