package org.homeward.platform.sourcing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.homeward.platform.security.Roles;

/** Drops this service's read models and rebuilds them from its event store (they are only projections). */
@Path("/api/admin/read-models/rebuild")
@RolesAllowed(Roles.ADMIN)
public class ReadModelResource {
    private final EventSourcing sourcing;

    public ReadModelResource(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    /** How many events were replayed into the read models, and in how many milliseconds. */
    public record Rebuilt(long eventsReplayed, long millis) {}

    @POST
    public Rebuilt rebuild() {
        long started = System.nanoTime();
        long events = sourcing.rebuildReadModels();
        return new Rebuilt(events, (System.nanoTime() - started) / 1_000_000);
    }
}
