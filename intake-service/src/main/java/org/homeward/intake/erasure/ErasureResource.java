package org.homeward.intake.erasure;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.intake.person.ErasedPersons;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Erasing a person's personal data (个人信息保护法, a family's withdrawn report, a retention rule; ADR 33):
 * ADMIN only, with a reason; the erasure is an event (who, why) and an audit entry. Every figure stays.
 */
@Path("/api/persons/{personId}/erasure")
@Authenticated
public class ErasureResource {
    /** Why the person's data are erased: kept in the event and shown with the erased record. */
    public record Erase(@NotBlank @Size(max = 500) String reason) {}

    private final PersonErasure erasure;
    private final ErasedPersons erased;
    private final EventSourcing sourcing;
    private final Caller caller;
    private final AuditLog audit;

    public ErasureResource(
            PersonErasure erasure, ErasedPersons erased, EventSourcing sourcing, Caller caller, AuditLog audit) {
        this.erasure = erasure;
        this.erased = erased;
        this.sourcing = sourcing;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "Erased: the person's keys are destroyed and their values cleared",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = ErasedPersons.Erasure.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The person was erased already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ErasedPersons.Erasure erase(@PathParam("personId") UUID personId, @Valid @NotNull Erase request) {
        // one entry per record erased (the merge group), committed with the erasure
        return erasure.erase(
                personId,
                request.reason(),
                caller.metadata(),
                (c, records) -> audit.recordEach(c, caller, "ERASE_PERSON", records));
    }

    /** The erasure of the person: when, by whom, why; 404 when the person was not erased. */
    @GET
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "When, by whom and why the person was erased",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = ErasedPersons.Erasure.class)))
    @APIResponse(
            responseCode = "404",
            description = "The person was not erased (or is unknown)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ErasedPersons.Erasure get(@PathParam("personId") UUID personId) {
        return sourcing.inTransaction(c -> erased.of(c, personId))
                .orElseThrow(() -> HomewardException.notFound("Erasure of person", personId));
    }
}
