package org.homeward.intake.stay;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PlacementDecision;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

@Path("/api/stays")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class StayResource {

    public record StartHospitalisation(
            @NotBlank @Size(max = 200) String hospital, OffsetDateTime occurredAt) {}

    public record EndHospitalisation(OffsetDateTime occurredAt) {}

    /** The exit type and the details it needs (see ExitDetails); {@code escortStaff} names the staff, comma-separated. */
    public record Discharge(
            @NotNull ExitType exitType,
            OffsetDateTime occurredAt,
            @Size(max = 200) String pickedUpBy,
            @Size(max = 50) String relation,
            @Size(max = 200) String destination,
            @Size(max = 200) String transport,
            @Size(max = 500) String escortStaff,
            @Size(max = 64) String receivingStationId,
            Boolean signedStatement,
            @Size(max = 200) String statementReference,
            @Size(max = 200) String institution) {
        ExitDetails details() {
            return new ExitDetails(
                    pickedUpBy,
                    relation,
                    destination,
                    transport,
                    escortStaff,
                    receivingStationId,
                    signedStatement,
                    statementReference,
                    institution);
        }
    }

    /** The 10-day rule's placement decision (安置决定) on an open stay. */
    public record PlacementDecisionRequest(
            @NotNull PlacementDecision decision,
            @Size(max = 2000) String note,
            OffsetDateTime occurredAt) {}

    /** Entrusted care (托养) at a contracted institution, or a transfer to another one. */
    public record EntrustedCare(@NotBlank @Size(max = 200) String institution, OffsetDateTime occurredAt) {}

    public record EntrustedCareReturn(OffsetDateTime occurredAt) {}

    /** A death: {@code occurredAt} is its date and time, {@code place} where, {@code actionsTaken} what was done. */
    public record Death(
            @NotBlank @Size(max = 200) String place,
            @NotBlank @Size(max = 2000) String actionsTaken,
            OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final StayCommands commands;
    private final StayViews stays;
    private final Caller caller;
    private final AuditLog audit;

    public StayResource(EventSourcing sourcing, StayCommands commands, StayViews stays, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.commands = commands;
        this.stays = stays;
        this.caller = caller;
        this.audit = audit;
    }

    /** The daily list of people in the station (open=true), longest in the station first. */
    @GET
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    public List<StayViews.OpenStay> list(
            @QueryParam("open") @DefaultValue("true") boolean open,
            @QueryParam("stationId") String stationId,
            @QueryParam("sort")
                    @DefaultValue("-daysInStation")
                    @Pattern(regexp = "-?daysInStation", message = "must be daysInStation or -daysInStation")
                    String sort,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (!open) {
            throw HomewardException.badInput("open", "only open=true is listed; closed stays are read by id");
        }
        String station = caller.stationScope(stationId); // a station's user sees its own list only (ADR 13)
        List<StayViews.OpenStay> list =
                sourcing.inTransaction(c -> stays.openStays(c, station, sort.startsWith("-"), limit, offset));
        audit.record(caller, "READ_OPEN_STAYS", station == null ? "all stations" : station); // it names people
        return list;
    }

    @GET
    @Path("{stayId}")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The stay (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response get(@PathParam("stayId") UUID stayId) {
        StayViews.StayView stay = read(stayId);
        audit.record(caller, "READ_STAY", stayId);
        return Response.ok(stay).tag(Versions.etag(stay.version())).build();
    }

    /** A command's answer: the stay as it is now (the caller just wrote it; not a read to audit). */
    private Response current(UUID stayId) {
        StayViews.StayView stay = read(stayId);
        return Response.ok(stay).tag(Versions.etag(stay.version())).build();
    }

    private StayViews.StayView read(UUID stayId) {
        return sourcing.inTransaction(c -> stays.find(c, stayId))
                .orElseThrow(() -> HomewardException.notFound("Stay", stayId));
    }

    @POST
    @Path("{stayId}/hospitalizations")
    @APIResponse(
            responseCode = "201",
            description = "The hospital stay began (Location: the stay)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"hospitalizationId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "hospitalizationId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response startHospitalisation(
            @PathParam("stayId") UUID stayId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull StartHospitalisation request) {
        UUID hospitalisationId = commands.startHospitalisation(
                stayId, Versions.ifMatch(ifMatch), request.hospital().strip(), request.occurredAt());
        return Response.created(URI.create("/api/stays/" + stayId))
                .entity(Map.of("hospitalizationId", hospitalisationId))
                .build();
    }

    @POST
    @Path("{stayId}/hospitalizations/{hospitalisationId}/return")
    @APIResponse(
            responseCode = "200",
            description = "The stay as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response endHospitalisation(
            @PathParam("stayId") UUID stayId,
            @PathParam("hospitalisationId") UUID hospitalisationId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid EndHospitalisation request) {
        commands.endHospitalisation(
                stayId, Versions.ifMatch(ifMatch), hospitalisationId, request == null ? null : request.occurredAt());
        return current(stayId);
    }

    @POST
    @Path("{stayId}/discharge")
    @APIResponse(
            responseCode = "200",
            description = "The stay as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response discharge(
            @PathParam("stayId") UUID stayId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Discharge request) {
        commands.discharge(
                stayId, Versions.ifMatch(ifMatch), request.exitType(), request.details(), request.occurredAt());
        return current(stayId);
    }

    /** The 10-day rule: what the station decided for a stay still open (meets the PLACEMENT_10_DAYS deadline). */
    @POST
    @Path("{stayId}/placement-decision")
    @APIResponse(
            responseCode = "200",
            description = "The stay as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response decidePlacement(
            @PathParam("stayId") UUID stayId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PlacementDecisionRequest request) {
        String note = request.note() == null || request.note().isBlank()
                ? null
                : request.note().strip();
        commands.decidePlacement(stayId, Versions.ifMatch(ifMatch), request.decision(), note, request.occurredAt());
        return current(stayId);
    }

    /** The person goes into entrusted care (托养): the stay stays open. */
    @POST
    @Path("{stayId}/entrusted-care")
    @APIResponse(
            responseCode = "201",
            description = "The entrusted care began (Location: the stay)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"entrustedCareId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "entrustedCareId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response startEntrustedCare(
            @PathParam("stayId") UUID stayId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull EntrustedCare request) {
        UUID entrustedCareId = commands.startEntrustedCare(
                stayId, Versions.ifMatch(ifMatch), request.institution().strip(), request.occurredAt());
        return Response.created(URI.create("/api/stays/" + stayId))
                .entity(Map.of("entrustedCareId", entrustedCareId))
                .build();
    }

    @POST
    @Path("{stayId}/entrusted-care/{entrustedCareId}/return")
    @APIResponse(
            responseCode = "200",
            description = "The stay as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response returnFromEntrustedCare(
            @PathParam("stayId") UUID stayId,
            @PathParam("entrustedCareId") UUID entrustedCareId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid EntrustedCareReturn request) {
        commands.returnFromEntrustedCare(
                stayId, Versions.ifMatch(ifMatch), entrustedCareId, request == null ? null : request.occurredAt());
        return current(stayId);
    }

    /** From one institution to another: answers the new period's id. */
    @POST
    @Path("{stayId}/entrusted-care/{entrustedCareId}/transfer")
    @APIResponse(
            responseCode = "201",
            description = "The new entrusted-care period began (Location: the stay)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"entrustedCareId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "entrustedCareId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response transferEntrustedCare(
            @PathParam("stayId") UUID stayId,
            @PathParam("entrustedCareId") UUID entrustedCareId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull EntrustedCare request) {
        UUID next = commands.transferEntrustedCare(
                stayId,
                Versions.ifMatch(ifMatch),
                entrustedCareId,
                request.institution().strip(),
                request.occurredAt());
        return Response.created(URI.create("/api/stays/" + stayId))
                .entity(Map.of("entrustedCareId", next))
                .build();
    }

    /** A death closes the stay (exit DECEASED) and, in search-service, the case with its own reason. */
    @POST
    @Path("{stayId}/death")
    @APIResponse(
            responseCode = "200",
            description = "The stay as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StayViews.StayView.class)))
    public Response recordDeath(
            @PathParam("stayId") UUID stayId, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull Death request) {
        commands.recordDeath(
                stayId,
                Versions.ifMatch(ifMatch),
                request.place().strip(),
                request.actionsTaken().strip(),
                request.occurredAt());
        return current(stayId);
    }
}
