package org.homeward.outreach.streetcase;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.security.Roles;
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
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.domain.StreamId;
import org.homeward.outreach.program.ProgramAccess;
import org.homeward.outreach.program.Programs;
import org.homeward.outreach.registry.KnownStations;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.security.Caller;
import org.homeward.platform.web.Versions;

@Path("/api/street-cases")
@RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN, Roles.PARTNER})
public class StreetCaseResource {

    public record OpenStreetCase(@NotNull UUID programId, @Size(max = 200) String location,
                                 @Size(max = 2000) String description, OffsetDateTime occurredAt) {
    }

    public record RecordContact(@NotEmpty @Size(max = 6) List<@NotNull OutreachService> services,
                                @DecimalMax("10000000") BigDecimal suppliesValue, UUID patrolId,
                                @Size(max = 100) String madeBy, OffsetDateTime occurredAt) {
    }

    public record Identify(@Size(max = 100) String name, @Size(max = 200) String hometown, OffsetDateTime occurredAt) {
    }

    public record RecordOutcome(@NotNull StreetOutcome outcome, OffsetDateTime occurredAt) {
    }

    /** The station's own resident (intake's personId) this patient is. */
    public record LinkResident(@NotNull UUID personId, OffsetDateTime occurredAt) {
    }

    public record CorrectOutcome(@NotNull StreetOutcome outcome, @NotBlank @Size(max = 500) String reason,
                                 OffsetDateTime occurredAt) {
    }

    private final EventSourcing sourcing;
    private final StreetCases cases;
    private final Programs programs;
    private final Caller caller;
    private final ProgramAccess access;
    private final KnownStations known;

    public StreetCaseResource(EventSourcing sourcing, StreetCases cases, Programs programs, Caller caller,
                              ProgramAccess access, KnownStations known) {
        this.known = known;
        this.sourcing = sourcing;
        this.cases = cases;
        this.programs = programs;
        this.caller = caller;
        this.access = access;
    }

    @POST
    @APIResponse(responseCode = "201", description = "The street case was opened (Location: the case)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"caseId"}, properties = {@SchemaProperty(name = "caseId", type = SchemaType.STRING, format = "uuid")})))
    public Response open(@Valid @NotNull OpenStreetCase request) {
        UUID caseId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            if (access.isPartner()) {
                access.visible(c, request.programId());
            }
            if (programs.find(c, request.programId()).isEmpty()) {
                throw HomewardException.rule("programId", "Unknown programme " + request.programId());
            }
            return sourcing.append(c, stream(caseId), 0,
                    StreetCase.open(caseId, request.programId(), request.location(), request.description(), at),
                    caller.metadata());
        });
        return Response.created(URI.create("/api/street-cases/" + caseId)).entity(Map.of("caseId", caseId)).build();
    }

    @GET
    public List<StreetCases.StreetCaseView> ofProgram(@QueryParam("programId") UUID programId,
                                                      @QueryParam("open") Boolean open,
                                                      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (programId == null) {
            throw HomewardException.badInput("programId", "is required");
        }
        return sourcing.inTransaction(c -> {
            access.visible(c, programId);
            return cases.ofProgram(c, programId, open, limit, offset);
        });
    }

    @GET
    @Path("{caseId}")
    @APIResponse(responseCode = "200", description = "The street case (ETag: its version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StreetCases.StreetCaseView.class)))
    public Response get(@PathParam("caseId") UUID caseId) {
        StreetCases.StreetCaseView view = sourcing.inTransaction(c -> visibleCase(c, caseId))
                .orElseThrow(() -> HomewardException.notFound("Street case", caseId));
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    @POST
    @Path("{caseId}/contacts")
    @APIResponse(responseCode = "201", description = "The contact was recorded (Location: the street case)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"contactId"}, properties = {
                            @SchemaProperty(name = "contactId", type = SchemaType.STRING, format = "uuid")})))
    public Response recordContact(@PathParam("caseId") UUID caseId, @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull RecordContact request) {
        UUID contactId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        String madeBy = request.madeBy() != null ? request.madeBy() : caller.actor().subject();
        sourcing.inTransaction(c -> {
            StreetCases.StreetCaseView found = visibleCase(c, caseId)
                    .orElseThrow(() -> HomewardException.notFound("Street case", caseId));
            if (request.patrolId() != null && !programs.isPatrolOf(c, request.patrolId(), found.programId())) {
                throw HomewardException.rule("patrolId", "Patrol " + request.patrolId() + " is not a patrol of programme "
                        + found.programId());
            }
            return sourcing.execute(c, stream(caseId), Versions.ifMatch(ifMatch), StreetCase::from,
                sc -> sc.recordContact(contactId, request.services(), request.suppliesValue(), request.patrolId(), madeBy, at),
                caller.metadata());
        });
        return Response.created(URI.create("/api/street-cases/" + caseId)).entity(Map.of("contactId", contactId)).build();
    }

    @POST
    @Path("{caseId}/identification")
    public Response identify(@PathParam("caseId") UUID caseId, @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull Identify request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            requireVisible(c, caseId);
            return sourcing.execute(c, stream(caseId), Versions.ifMatch(ifMatch), StreetCase::from,
                sc -> sc.identify(request.name(), request.hometown(), at), caller.metadata());
        });
        return get(caseId);
    }

    @POST
    @Path("{caseId}/outcome")
    public Response recordOutcome(@PathParam("caseId") UUID caseId, @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull RecordOutcome request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            requireVisible(c, caseId);
            String station = cases.find(c, caseId).flatMap(sc -> {
                try {
                    return programs.find(c, sc.programId());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Programs.ProgramView::stationId).orElse(null);
            return sourcing.execute(c, stream(caseId), Versions.ifMatch(ifMatch), StreetCase::from,
                    sc -> sc.recordOutcome(request.outcome(), station, at), caller.metadata());
        });
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
    public Response linkResident(@PathParam("caseId") UUID caseId, @HeaderParam("If-Match") String ifMatch,
                                 @Valid @NotNull LinkResident request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            StreetCases.StreetCaseView found = visibleCase(c, caseId)
                    .orElseThrow(() -> HomewardException.notFound("Street case", caseId));
            KnownStations.ResidentStay stay = known.inHospital(c, request.personId()).orElseThrow(() ->
                    HomewardException.rule("personId", "Person " + request.personId()
                            + " has no open stay in hospital known to outreach"));
            String station = programs.find(c, found.programId()).map(Programs.ProgramView::stationId).orElse(null);
            if (station != null && !station.equals(stay.stationId())) {
                throw HomewardException.rule("personId", "Person " + request.personId() + " is a resident of station "
                        + stay.stationId() + ", not of the programme's station " + station);
            }
            return sourcing.execute(c, stream(caseId), Versions.ifMatch(ifMatch), StreetCase::from,
                    sc -> sc.linkToResident(request.personId(), stay.stayId(), at), caller.metadata());
        });
        return get(caseId);
    }

    @POST
    @Path("{caseId}/outcome/corrections")
    public Response correctOutcome(@PathParam("caseId") UUID caseId, @Valid @NotNull CorrectOutcome request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            requireVisible(c, caseId);
            return sourcing.execute(c, stream(caseId), null, StreetCase::from,
                sc -> sc.correctOutcome(request.outcome(), request.reason().strip(), at), caller.metadata());
        });
        return get(caseId);
    }

    /** The case, if it exists and the caller may see its programme (a partner: only its own teams'). */
    private java.util.Optional<StreetCases.StreetCaseView> visibleCase(java.sql.Connection c, UUID caseId)
            throws java.sql.SQLException {
        java.util.Optional<StreetCases.StreetCaseView> found = cases.find(c, caseId);
        if (found.isPresent() && programs.find(c, found.get().programId()).map(access::mayUse).orElse(!access.isPartner())) {
            return found;
        }
        return java.util.Optional.empty();
    }


    private void requireVisible(java.sql.Connection c, UUID caseId) throws java.sql.SQLException {
        if (visibleCase(c, caseId).isEmpty()) {
            throw HomewardException.notFound("Street case", caseId);
        }
    }

    static StreamId stream(UUID caseId) {
        return StreamId.of(StreetCase.STREAM, caseId);
    }
}
