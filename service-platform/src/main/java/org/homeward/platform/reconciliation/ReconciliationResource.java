package org.homeward.platform.reconciliation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.homeward.platform.security.Roles;

/** ADMIN: does each projection hold every event its consumers passed? {@code ?fresh=true} checks now. */
@Path("/api/admin/reconciliation")
@RolesAllowed(Roles.ADMIN)
public class ReconciliationResource {
    private final Reconciliation reconciliation;

    public ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    public Reconciliation.Report report(@QueryParam("fresh") boolean fresh) {
        return fresh ? reconciliation.check() : reconciliation.last();
    }
}
