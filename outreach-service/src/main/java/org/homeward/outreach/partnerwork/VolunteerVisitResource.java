package org.homeward.outreach.partnerwork;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.outreach.PartnerWorkEvent.VolunteerVisitsRecorded;
import org.homeward.outreach.registry.KnownPartners;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Period;

/** A partner's volunteer visits to the station for identity inquiries (让爱回家: 898 in 2018). */
@Path("/api/partners/{partnerId}/volunteer-visits")
@RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN, Roles.PARTNER})
@ApplicationScoped
public class VolunteerVisitResource {
    static final String STREAM = "partner-work";

    public record RecordVisits(
            @Min(1) @Max(10000) int visits, @Size(max = 200) String purpose, OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final Caller caller;
    private final KnownPartners partners;
    private final VolunteerVisits visits;

    public VolunteerVisitResource(
            EventSourcing sourcing, Caller caller, KnownPartners partners, VolunteerVisits visits) {
        this.sourcing = sourcing;
        this.caller = caller;
        this.partners = partners;
        this.visits = visits;
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "The visits were recorded (Location: the partner's visit total)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"partnerId", "visits"},
                                            properties = {
                                                @SchemaProperty(name = "partnerId", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "visits",
                                                        type = SchemaType.INTEGER,
                                                        format = "int32")
                                            })))
    public Response record(
            @PathParam("partnerId") @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String partnerId,
            @Valid @NotNull RecordVisits request) {
        caller.requireOwnPartner(partnerId);
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        StreamId stream = new StreamId(STREAM, partnerId);
        sourcing.inTransaction(c -> {
            if (!partners.isKnown(c, partnerId)) {
                throw HomewardException.rule("partnerId", "Partner " + partnerId + " is not registered");
            }
            LoadedStream loaded = sourcing.store().load(c, stream);
            return sourcing.append(
                    c,
                    stream,
                    loaded.version(),
                    List.of(new NewEvent(
                            new VolunteerVisitsRecorded(
                                    partnerId,
                                    request.visits(),
                                    request.purpose() == null ? "身份问询" : request.purpose()),
                            at)),
                    caller.metadata());
        });
        return Response.created(URI.create("/api/partners/" + partnerId + "/volunteer-visits"))
                .entity(Map.of("partnerId", partnerId, "visits", request.visits()))
                .build();
    }

    @GET
    public VolunteerVisits.VisitTotal total(
            @PathParam("partnerId") String partnerId, @QueryParam("from") String from, @QueryParam("to") String to) {
        caller.requireOwnPartner(partnerId);
        Period period = Period.parse(from, to);
        return sourcing.inTransaction(c -> visits.total(c, partnerId, period));
    }
}
