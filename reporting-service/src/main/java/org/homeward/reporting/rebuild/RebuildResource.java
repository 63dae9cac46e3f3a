package org.homeward.reporting.rebuild;

import org.homeward.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Drop-and-rebuild of all projections from the topics, with its progress. */
@Path("/api/admin/rebuild")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {
    private final Rebuilder rebuilder;

    public RebuildResource(Rebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @POST
    public Response start() {
        return Response.accepted(rebuilder.start()).build();
    }

    @GET
    public Rebuilder.Progress progress() {
        return rebuilder.progress();
    }
}
