package org.homeward.intake.station;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;

/** The station registry: id, name, and the population and area figures of reporting's resource ratios. */
@Path("/api/stations")
@Authenticated
public class StationResource {

    public record RegisterStation(
            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a slug: lower-case letters, digits, '-'")
            String stationId,

            @NotBlank @Size(max = 200) String name,
            @Min(1) Long nonRegisteredPopulation,
            @DecimalMin(value = "0.01") BigDecimal areaKm2) {}

    public record RegisterInstitution(
            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a slug: lower-case letters, digits, '-'")
            String institutionId,

            @NotBlank @Size(max = 200) String name,

            @NotNull
            @Pattern(regexp = "ENTRUSTED_CARE|WELFARE|BOTH", message = "must be ENTRUSTED_CARE, WELFARE or BOTH")
            String kind) {}

    private final EventSourcing sourcing;
    private final StationViews views;
    private final Caller caller;

    private final StationCommands commands;

    public StationResource(EventSourcing sourcing, StationViews views, Caller caller, StationCommands commands) {
        this.commands = commands;
        this.sourcing = sourcing;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "201",
            description = "The station was registered (Location: the station)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = StationViews.StationView.class)))
    public Response register(@Valid @NotNull RegisterStation request) {
        commands.register(
                request.stationId(), request.name().strip(), request.nonRegisteredPopulation(), request.areaKm2());
        return Response.created(URI.create("/api/stations/" + request.stationId()))
                .entity(views.find(request.stationId()).orElseThrow())
                .build();
    }

    /** A care institution the station works with: entrusted care (托养), final placement (安置), or both. */
    @POST
    @Path("{stationId}/institutions")
    @RolesAllowed({Roles.ADMIN, Roles.STATION_STAFF})
    @APIResponse(
            responseCode = "201",
            description = "Registered; the answer is the station's registry of institutions",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = StationViews.InstitutionView.class)))
    public Response registerInstitution(
            @PathParam("stationId") String stationId, @Valid @NotNull RegisterInstitution request) {
        caller.stationScope(stationId); // a station's staff register their own station's institutions
        commands.registerInstitution(
                stationId, request.institutionId(), request.name().strip(), request.kind());
        return Response.created(URI.create("/api/stations/" + stationId + "/institutions"))
                .entity(sourcing.inTransaction(c -> views.institutions(c, stationId)))
                .build();
    }

    @GET
    @Path("{stationId}/institutions")
    public List<StationViews.InstitutionView> institutions(@PathParam("stationId") String stationId) {
        return sourcing.inTransaction(c -> {
            if (views.find(c, stationId).isEmpty()) {
                throw HomewardException.notFound("Station", stationId);
            }
            return views.institutions(c, stationId);
        });
    }

    @GET
    public List<StationViews.StationView> all() {
        return views.all();
    }

    @GET
    @Path("{stationId}")
    public StationViews.StationView one(@PathParam("stationId") String stationId) {
        return views.find(stationId).orElseThrow(() -> HomewardException.notFound("Station", stationId));
    }
}
