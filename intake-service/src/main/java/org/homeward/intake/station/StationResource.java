package org.homeward.intake.station;

import org.homeward.platform.security.Roles;
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
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.eventstore.NewEvent;
import org.homeward.eventstore.StreamId;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.security.Caller;

/** The station registry: id, name, and the population and area figures of reporting's resource ratios. */
@Path("/api/stations")
@Authenticated
public class StationResource {
    public static final String STREAM = "station";

    public record RegisterStation(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a slug: lower-case letters, digits, '-'") String stationId,
            @NotBlank @Size(max = 200) String name,
            @Min(1) Long nonRegisteredPopulation,
            @DecimalMin(value = "0.01") BigDecimal areaKm2) {
    }

    private final EventSourcing sourcing;
    private final StationViews views;
    private final Caller caller;

    public StationResource(EventSourcing sourcing, StationViews views, Caller caller) {
        this.sourcing = sourcing;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response register(@Valid @NotNull RegisterStation request) {
        StreamId stream = new StreamId(STREAM, request.stationId());
        sourcing.inTransaction(c -> {
            return sourcing.create(c, stream, List.of(new NewEvent(new StationRegistered(request.stationId(),
                    request.name().strip(), request.nonRegisteredPopulation(), request.areaKm2()), BusinessTime.now())),
                    caller.metadata(), "Station " + request.stationId() + " is already registered");
        });
        return Response.created(URI.create("/api/stations/" + request.stationId()))
                .entity(views.find(request.stationId()).orElseThrow()).build();
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
