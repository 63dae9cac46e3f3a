package org.homeward.intake.duplicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.intake.person.PersonCommands;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/**
 * Suspected duplicate persons for staff to review: all pairs (of a station), or those of one person
 * (after an admission or an import). Names are shown, so reads are audited.
 */
@Path("/api/persons/duplicates")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class DuplicateResource {
    /** A suspected pair reviewed as two people, with why; it is not suspected again. */
    public record Dismiss(
            @NotNull UUID personId,
            @NotNull UUID otherPersonId,
            @NotBlank @Size(max = 500) String reason,
            OffsetDateTime occurredAt) {}

    public record Dismissed(UUID personId, UUID otherPersonId) {}

    private final DuplicateCheck check;
    private final Caller caller;
    private final AuditLog audit;
    private final PersonCommands commands;

    public DuplicateResource(DuplicateCheck check, Caller caller, AuditLog audit, PersonCommands commands) {
        this.check = check;
        this.caller = caller;
        this.audit = audit;
        this.commands = commands;
    }

    @POST
    @Path("dismissals")
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The pair was recorded as two people",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dismissed.class)))
    public Response dismiss(@Valid @NotNull Dismiss request) {
        commands.dismissDuplicate(
                request.personId(), request.otherPersonId(), request.reason().strip(), request.occurredAt());
        // Location: the person's suspected duplicates, where the review shows (the pair is gone from them)
        return Response.created(URI.create("/api/persons/duplicates?personId=" + request.personId()))
                .entity(new Dismissed(request.personId(), request.otherPersonId()))
                .build();
    }

    /** Suspected pairs, best first: of one person ({@code personId}), or all of a station (or of all stations). */
    @GET
    public DuplicateCheck.Page list(
            @QueryParam("personId") UUID personId,
            @QueryParam("stationId") String stationId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        String station = caller.stationScope(stationId);
        DuplicateCheck.Page page = check.page(personId, station, limit, offset);
        audit.record(
                caller, "READ_DUPLICATES", personId != null ? personId : station == null ? "all stations" : station);
        return page;
    }
}
