package org.homeward.intake.merge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/**
 * Merging two records of one person into the survivor {@code personId}, and undoing it (ADR 23).
 * Station staff merge persons with stays at their station; every merge, undo and read is audited.
 */
@Path("/api/persons/{personId}/merges")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class MergeResource {
    /** {@code mergedPersonId} is merged into the person of the path, for {@code reason}. */
    public record Merge(
            @NotNull UUID mergedPersonId,
            @NotBlank @Size(max = 500) String reason,
            OffsetDateTime occurredAt) {}

    public record Unmerge(@NotBlank @Size(max = 500) String reason, OffsetDateTime occurredAt) {}

    private final MergeCommands merging;
    private final Caller caller;
    private final AuditLog audit;

    public MergeResource(MergeCommands merging, Caller caller, AuditLog audit) {
        this.merging = merging;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The two records read as one person, the survivor",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PersonMerges.MergeView.class)))
    public Response merge(@PathParam("personId") UUID personId, @Valid @NotNull Merge request) {
        PersonMerges.MergeView merge = merging.merge(
                personId, request.mergedPersonId(), request.reason().strip(), request.occurredAt());
        audit.record(caller, "MERGE_PERSONS", merge.mergeId());
        return Response.created(URI.create("/api/persons/" + personId + "/merges/" + merge.mergeId()))
                .entity(merge)
                .build();
    }

    /** Undoes a merge: both records read as themselves again, as they were before it. */
    @POST
    @Path("{mergeId}/undo")
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The merge, undone",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PersonMerges.MergeView.class)))
    public PersonMerges.MergeView unmerge(
            @PathParam("personId") UUID personId, @PathParam("mergeId") UUID mergeId, @Valid @NotNull Unmerge request) {
        PersonMerges.MergeView merge =
                merging.unmerge(personId, mergeId, request.reason().strip(), request.occurredAt());
        audit.record(caller, "UNMERGE_PERSONS", mergeId);
        return merge;
    }

    /** The merges the person took part in (as survivor or merged record), undone ones included. */
    @GET
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    public List<PersonMerges.MergeView> list(@PathParam("personId") UUID personId) {
        List<PersonMerges.MergeView> merges = merging.of(personId);
        audit.record(caller, "READ_MERGES", personId);
        return merges;
    }

    @GET
    @Path("{mergeId}")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    public PersonMerges.MergeView get(@PathParam("personId") UUID personId, @PathParam("mergeId") UUID mergeId) {
        PersonMerges.MergeView merge = merging.find(personId, mergeId);
        audit.record(caller, "READ_MERGES", personId);
        return merge;
    }
}
