package org.homeward.search.searchcase;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.VerificationOutcome;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

@Path("/api/search-cases")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class SearchCaseResource {

    public record OpenCase(@NotNull UUID personId, OffsetDateTime occurredAt) {}

    public record RecordLead(
            @NotNull LeadChannel channel,
            @Size(max = 64) String partnerId,
            @NotBlank @Size(max = 2000) String summary,
            @Size(max = 100) String reportedBy,
            OffsetDateTime occurredAt) {}

    /** {@code contacted}: whom the team checked with (township government, police station, village committee). */
    public record VerifyLead(
            @NotNull VerificationOutcome outcome,
            @Size(max = 10) List<@NotBlank @Size(max = 200) String> contacted,
            OffsetDateTime occurredAt) {}

    public record PublishNotice(@NotNull NoticeMedium medium, OffsetDateTime occurredAt) {}

    public record RequestDna(OffsetDateTime occurredAt) {}

    public record RecordSuccess(
            @NotNull UUID leadId,
            @Size(max = 100) String creditedStaff,
            @Size(max = 100) String creditedUnit,
            OffsetDateTime occurredAt) {}

    public record CloseCase(OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final SearchCaseCommands commands;
    private final SearchCaseViews cases;
    private final Caller caller;
    private final AuditLog audit;

    public SearchCaseResource(
            EventSourcing sourcing, SearchCaseCommands commands, SearchCaseViews cases, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.commands = commands;
        this.cases = cases;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.POLICE_LIAISON, Roles.ADMIN})
    public List<SearchCaseViews.CaseSummary> byPerson(
            @Parameter(required = true) @QueryParam("personId") UUID personId, @QueryParam("open") Boolean open) {
        if (personId == null) {
            throw HomewardException.badInput("personId", "is required");
        }
        List<SearchCaseViews.CaseSummary> found = sourcing.inTransaction(c -> cases.ofPerson(c, personId, open));
        audit.record(caller, "READ_SEARCH_CASES", personId);
        return found;
    }

    /** Opens a case by hand, e.g. for an identified person whose family cannot be reached. */
    @POST
    @APIResponse(
            responseCode = "201",
            description = "The case was opened (Location: the case)",
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
    public Response open(@Valid @NotNull OpenCase request) {
        UUID caseId = commands.open(request.personId(), request.occurredAt());
        return Response.created(URI.create("/api/search-cases/" + caseId))
                .entity(Map.of("caseId", caseId))
                .build();
    }

    @GET
    @Path("{caseId}")
    @RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.POLICE_LIAISON, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The search case with its leads, notices and DNA requests (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = SearchCaseViews.CaseView.class)))
    public Response get(@PathParam("caseId") UUID caseId) {
        SearchCaseViews.CaseView view = sourcing.inTransaction(c -> cases.find(c, caseId))
                .orElseThrow(() -> HomewardException.notFound("Search case", caseId));
        audit.record(caller, "READ_SEARCH_CASE", caseId);
        return Response.ok(view).tag(Versions.etag(view.summary().version())).build();
    }

    @POST
    @Path("{caseId}/leads")
    @RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.POLICE_LIAISON, Roles.PARTNER, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The lead was recorded (Location: the case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"leadId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "leadId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response recordLead(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordLead request) {
        String reportedBy = caller.isPartner() || request.reportedBy() == null
                ? caller.actor().subject()
                : request.reportedBy();
        if (caller.isPartner()
                && (request.channel() != LeadChannel.PARTNER
                        || !caller.partnerId().equals(request.partnerId()))) {
            throw new HomewardException(
                    403, "Forbidden", "A partner submits PARTNER leads under its own partnerId", List.of());
        }
        if (caller.actor().role() != null
                && caller.actor().role().equals(Roles.POLICE_LIAISON)
                && request.channel().group != LeadChannel.Group.POLICE) {
            throw new HomewardException(403, "Forbidden", "A police liaison records police leads", List.of());
        }
        UUID leadId = commands.recordLead(
                caseId,
                Versions.ifMatch(ifMatch),
                request.channel(),
                request.partnerId(),
                request.summary().strip(),
                reportedBy,
                request.occurredAt());
        return Response.created(URI.create("/api/search-cases/" + caseId))
                .entity(Map.of("leadId", leadId))
                .build();
    }

    @POST
    @Path("{caseId}/leads/{leadId}/verification")
    @APIResponse(
            responseCode = "200",
            description = "The search case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = SearchCaseViews.CaseView.class)))
    public Response verifyLead(
            @PathParam("caseId") UUID caseId,
            @PathParam("leadId") UUID leadId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull VerifyLead request) {
        commands.verifyLead(
                caseId,
                Versions.ifMatch(ifMatch),
                leadId,
                request.outcome(),
                request.contacted() == null ? List.of() : request.contacted(),
                request.occurredAt());
        return get(caseId);
    }

    @POST
    @Path("{caseId}/notices")
    @APIResponse(
            responseCode = "201",
            description = "The notice was recorded (Location: the case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"noticeId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "noticeId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response publishNotice(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PublishNotice request) {
        UUID noticeId =
                commands.publishNotice(caseId, Versions.ifMatch(ifMatch), request.medium(), request.occurredAt());
        return Response.created(URI.create("/api/search-cases/" + caseId))
                .entity(Map.of("noticeId", noticeId))
                .build();
    }

    @POST
    @Path("{caseId}/dna-requests")
    @APIResponse(
            responseCode = "201",
            description = "The DNA sample was requested; the case as it now stands (Location: the case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = SearchCaseViews.CaseView.class)))
    public Response requestDna(@PathParam("caseId") UUID caseId, @Valid RequestDna request) {
        commands.requestDna(caseId, request == null ? null : request.occurredAt());
        return Response.created(URI.create("/api/search-cases/" + caseId))
                .entity(get(caseId).getEntity())
                .build();
    }

    @POST
    @Path("{caseId}/success")
    @APIResponse(
            responseCode = "200",
            description = "The search case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = SearchCaseViews.CaseView.class)))
    public Response recordSuccess(
            @PathParam("caseId") UUID caseId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordSuccess request) {
        commands.recordSuccess(
                caseId,
                Versions.ifMatch(ifMatch),
                request.leadId(),
                request.creditedStaff(),
                request.creditedUnit(),
                request.occurredAt());
        return get(caseId);
    }

    @POST
    @Path("{caseId}/closure")
    @APIResponse(
            responseCode = "200",
            description = "The search case as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = SearchCaseViews.CaseView.class)))
    public Response close(@PathParam("caseId") UUID caseId, @Valid CloseCase request) {
        commands.close(caseId, request == null ? null : request.occurredAt());
        return get(caseId);
    }
}
