package org.homeward.outreach.streetcase;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.outreach.program.ProgramAccess;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

@Path("/api/street-cases")
@RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN, Roles.PARTNER})
public class StreetCaseResource {

    public record OpenStreetCase(
            @NotNull UUID programId,
            @Size(max = 200) String location,
            @Size(max = 2000) String description,
            OffsetDateTime occurredAt) {}

    public record RecordContact(
            @NotEmpty @Size(max = 6) List<@NotNull OutreachService> services,
            @DecimalMax("10000000") BigDecimal suppliesValue,
            UUID patrolId,
            @Size(max = 100) String madeBy,
            OffsetDateTime occurredAt) {}

    public record Identify(
            @Size(max = 100) String name, @Size(max = 200) String hometown, OffsetDateTime occurredAt) {}

    public record RecordOutcome(@NotNull StreetOutcome outcome, OffsetDateTime occurredAt) {}

    /** The station's own resident (intake's personId) this patient is. */
    public record LinkResident(@NotNull UUID personId, OffsetDateTime occurredAt) {}

    public record CorrectOutcome(
            @NotNull StreetOutcome outcome,
            @NotBlank @Size(max = 500) String reason,
            OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final StreetCaseCommands commands;
    private final StreetCases cases;
    private final Caller caller;
    private final ProgramAccess access;

    public StreetCaseResource(
            EventSourcing sourcing,
            StreetCaseCommands commands,
            StreetCases cases,
            Caller caller,
            ProgramAccess access) {
        this.sourcing = sourcing;
        this.commands = commands;
        this.cases = cases;
        this.caller = caller;
        this.access = access;
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "The street case was opened (Location: the case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"caseId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "caseId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response open(@Valid @NotNull OpenStreetCase request) {
        UUID caseId =
                commands.open(request.programId(), request.location(), request.description(), request.occurredAt());
        return Response.created(URI.create("/api/street-cases/" + caseId))
                .entity(Map.of("caseId", caseId))
                .build();
    }

    /**
     * The cases of a programme ({@code programId}), or those linked to a resident ({@code personId}: every
     * record that reads as them, a merged-away record's id reading as its survivor; ADR 23); one is required.
     */
    @GET
    public List<StreetCases.StreetCaseView> ofProgram(
            @QueryParam("programId") UUID programId,
            @QueryParam("personId") UUID personId,
            @QueryParam("open") Boolean open,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (programId == null && personId == null) {
            throw HomewardException.badInput("programId", "is required (or personId)");
        }
        return sourcing.inTransaction(c -> {
            if (programId != null) {
                access.visible(c, programId);
            }
            return personId != null
                    ? commands.ofPerson(c, personId, programId, open, limit, offset)
                    : cases.ofProgram(c, programId, open, limit, offset);
        });
    }

    @GET
    @Path("{caseId}")
    @APIResponse(
            responseCode = "200",
            description = "The street case (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response get(@PathParam("caseId") UUID caseId) {
        StreetCases.StreetCaseView view = sourcing.inTransaction(c -> commands.visibleCase(c, caseId))
                .orElseThrow(() -> HomewardException.notFound("Street case", caseId));
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    @POST
    @Path("{caseId}/contacts")
    @APIResponse(
            responseCode = "201",
            description = "The contact was recorded (Location: the street case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"contactId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "contactId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response recordContact(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordContact request) {
        String madeBy =
                request.madeBy() != null ? request.madeBy() : caller.actor().subject();
        UUID contactId = commands.recordContact(
                caseId,
                Versions.ifMatch(ifMatch),
                request.services(),
                request.suppliesValue(),
                request.patrolId(),
                madeBy,
                request.occurredAt());
        return Response.created(URI.create("/api/street-cases/" + caseId))
                .entity(Map.of("contactId", contactId))
                .build();
    }

    @POST
    @Path("{caseId}/identification")
    @APIResponse(
            responseCode = "200",
            description = "The street case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response identify(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Identify request) {
        commands.identify(caseId, Versions.ifMatch(ifMatch), request.name(), request.hometown(), request.occurredAt());
        return get(caseId);
    }

    @POST
    @Path("{caseId}/outcome")
    @APIResponse(
            responseCode = "200",
            description = "The street case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response recordOutcome(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordOutcome request) {
        commands.recordOutcome(caseId, Versions.ifMatch(ifMatch), request.outcome(), request.occurredAt());
        return get(caseId);
    }

    /**
     * One person, not two: the hospital post's patient is the station's own resident in hospital.
     * The person must have an open stay in hospital at the programme's station, as outreach knows
     * from intake's topic (else 422 naming {@code personId}).
     */
    @POST
    @Path("{caseId}/resident")
    @RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The street case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response linkResident(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull LinkResident request) {
        commands.linkResident(caseId, Versions.ifMatch(ifMatch), request.personId(), request.occurredAt());
        return get(caseId);
    }

    @POST
    @Path("{caseId}/outcome/corrections")
    @APIResponse(
            responseCode = "200",
            description = "The street case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response correctOutcome(@PathParam("caseId") UUID caseId, @Valid @NotNull CorrectOutcome request) {
        commands.correctOutcome(caseId, request.outcome(), request.reason().strip(), request.occurredAt());
        return get(caseId);
    }
}
