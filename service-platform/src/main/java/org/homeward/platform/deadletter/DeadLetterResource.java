package org.homeward.platform.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/** ADMIN: list, inspect and replay the records this service's consumers dead-lettered. */
@Path("/api/admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "Dead letters and reconciliation (ADMIN)")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "Not ADMIN",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeadLetterResource {
    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "listDeadLetters",
            summary = "Every dead letter of this service, oldest first, without the record")
    @APIResponse(
            responseCode = "200",
            description = "The dead letters",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetters.DeadLetter.class)))
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list();
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter, with the record and why it was set aside")
    @APIResponse(
            responseCode = "200",
            description = "The dead letter",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DeadLetters.DeadLetter.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such topic of this service, or no record at that offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.DeadLetter get(
            @PathParam("topic") String topic, @PathParam("partition") int partition, @PathParam("offset") long offset) {
        return deadLetters.get(topic, partition, offset);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    @Operation(
            operationId = "replayDeadLetter",
            summary = "Hands the record back to the consumer of its source topic; applied once, replayed once")
    @APIResponse(
            responseCode = "200",
            description = "Replayed; applied is false when the event had been applied already",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DeadLetters.Replayed.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Replayed already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The record still cannot be applied, or no consumer here reads its topic",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.Replayed replay(
            @PathParam("topic") String topic, @PathParam("partition") int partition, @PathParam("offset") long offset) {
        return deadLetters.replay(topic, partition, offset, caller.actor().subject());
    }
}
