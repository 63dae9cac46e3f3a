package org.homeward.platform.reconciliation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.security.Roles;

/** ADMIN: does each projection hold every event its consumers passed? {@code ?fresh=true} checks now. */
@Path("/api/admin/reconciliation")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "Dead letters and reconciliation (ADMIN)")
public class ReconciliationResource {
    private final Reconciliation reconciliation;

    public ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    @Operation(
            operationId = "getReconciliation",
            summary = "Events each consumer passed but did not apply (drift), consumer lag and pending dead letters")
    @APIResponse(
            responseCode = "200",
            description = "The last check, or a new one with fresh=true",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Reconciliation.Report.class)))
    @APIResponse(
            responseCode = "400",
            description = "fresh is not true or false",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not ADMIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Reconciliation.Report report(@QueryParam("fresh") boolean fresh) {
        return fresh ? reconciliation.check() : reconciliation.last();
    }
}
