package org.homeward.outreach.program;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.outreach.registry.KnownPartners;
import org.homeward.outreach.registry.KnownStations;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Period;

@Path("/api/programs")
@RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN, Roles.PARTNER})
public class ProgramResource {
    static final String SLUG = "[a-z0-9][a-z0-9-]{1,62}";

    public record StartProgram(
            @NotBlank @Size(max = 200) String name,
            @NotNull ProgramKind kind,

            @NotNull @Pattern(regexp = SLUG, message = "must be a station id")
            String stationId,

            @Pattern(regexp = SLUG, message = "must be a partner id")
            String partnerId,

            OffsetDateTime occurredAt) {}

    public record ConductPatrol(
            @Size(max = 200) String campaign,
            @NotBlank @Size(max = 200) String area,
            @Min(1) @Max(1000) int teams,
            @Min(0) @Max(100000) int peopleMet,
            OffsetDateTime occurredAt) {}

    public record ProgramDetail(Programs.ProgramView program, List<Programs.PatrolView> patrols) {}

    private final EventSourcing sourcing;
    private final Programs programs;
    private final Caller caller;
    private final ProgramAccess access;
    private final KnownStations stations;
    private final KnownPartners partners;

    public ProgramResource(
            EventSourcing sourcing,
            Programs programs,
            Caller caller,
            ProgramAccess access,
            KnownStations stations,
            KnownPartners partners) {
        this.sourcing = sourcing;
        this.programs = programs;
        this.caller = caller;
        this.access = access;
        this.stations = stations;
        this.partners = partners;
    }

    @POST
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The programme was started (Location: the programme)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"programId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "programId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response start(@Valid @NotNull StartProgram request) {
        UUID programId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            List<NewEvent> started = Program.start(
                    programId, request.name().strip(), request.kind(), request.stationId(), request.partnerId(), at);
            if (!stations.isKnown(c, request.stationId())) {
                throw HomewardException.rule("stationId", "Station " + request.stationId() + " is not registered");
            }
            if (request.partnerId() != null && !partners.isKnown(c, request.partnerId())) {
                throw HomewardException.rule("partnerId", "Partner " + request.partnerId() + " is not registered");
            }
            return sourcing.append(c, stream(programId), 0, started, caller.metadata());
        });
        return Response.created(URI.create("/api/programs/" + programId))
                .entity(Map.of("programId", programId))
                .build();
    }

    @GET
    public List<Programs.ProgramView> all() {
        return sourcing.inTransaction(access::visibleAll);
    }

    @GET
    @Path("{programId}")
    public ProgramDetail one(@PathParam("programId") UUID programId) {
        return sourcing.inTransaction(
                c -> new ProgramDetail(access.visible(c, programId), programs.patrols(c, programId)));
    }

    /** One outing (e.g. 寒冬送温暖): contacts made on it name its patrolId. */
    @POST
    @Path("{programId}/patrols")
    @APIResponse(
            responseCode = "201",
            description = "The patrol was recorded (Location: the programme)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"patrolId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "patrolId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response conductPatrol(@PathParam("programId") UUID programId, @Valid @NotNull ConductPatrol request) {
        UUID patrolId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        sourcing.inTransaction(c -> {
            access.visible(c, programId);
            return sourcing.execute(
                    c,
                    stream(programId),
                    null,
                    Program::from,
                    p -> p.conductPatrol(
                            patrolId,
                            request.campaign(),
                            request.area().strip(),
                            request.teams(),
                            request.peopleMet(),
                            at),
                    caller.metadata());
        });
        return Response.created(URI.create("/api/programs/" + programId))
                .entity(Map.of("patrolId", patrolId))
                .build();
    }

    /** Open cases nobody has contacted for {@code days} days (as of today). */
    @GET
    @Path("{programId}/quiet-cases")
    public List<Programs.QuietCase> quietCases(
            @PathParam("programId") UUID programId,
            @QueryParam("days") @DefaultValue("14") @Min(1) @Max(3650) int days) {
        one(programId);
        OffsetDateTime now = BusinessTime.now();
        return sourcing.inTransaction(c -> programs.quietCases(c, programId, now, days));
    }

    @GET
    @Path("{programId}/supplies")
    public Programs.Supplies supplies(
            @PathParam("programId") UUID programId,
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Period period = Period.of(from, to);
        one(programId);
        return sourcing.inTransaction(c -> programs.supplies(c, programId, period));
    }

    static StreamId stream(UUID programId) {
        return StreamId.of(Programs.STREAM, programId);
    }
}
