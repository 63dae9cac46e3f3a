package org.homeward.outreach.partnerwork;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import java.sql.Connection;
import java.sql.SQLException;
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
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.PublicityKind;
import org.homeward.events.outreach.SupportKind;
import org.homeward.outreach.registry.KnownPartners;
import org.homeward.outreach.registry.KnownStations;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Social participation (社会参与) as the 2018 report's section 三 tells it: a partner's cooperation
 * agreement with a station, its capacity (teams, workrooms, volunteers), the ledger of supplies and
 * funds given to it, and the station's publicity and public-interest activities.
 */
@Path("/api")
@RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class SocialParticipationResource {
    static final String SLUG = "[a-z0-9][a-z0-9-]{1,62}";
    static final String PUBLICITY_STREAM = "publicity";

    public record SignAgreement(
            @NotNull @Pattern(regexp = SLUG, message = "must be a station id")
            String stationId,

            @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 200) String> parties,
            @NotNull LocalDate validFrom,
            LocalDate validUntil,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> cluesShared,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> patientInformationShared,
            @Size(max = 1000) String consent,
            OffsetDateTime occurredAt) {}

    public record ReportCapacity(
            @NotNull LocalDate asOf,
            @Min(0) @Max(100000) int teams,
            @Min(0) @Max(100000) int workrooms,
            @Min(0) @Max(10000000) int volunteers,
            OffsetDateTime occurredAt) {}

    public record GiveSupport(
            @NotNull @Pattern(regexp = SLUG, message = "must be a station id")
            String stationId,

            @NotBlank @Size(max = 200) String giver,
            @NotNull SupportKind kind,
            @Size(max = 1000) String description,

            @NotNull
            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "1000000000", message = "must be at most 1000000000")
            BigDecimal amount,

            @Size(max = 3) String currency,
            OffsetDateTime occurredAt) {}

    public record HoldActivity(
            @NotNull @Pattern(regexp = SLUG, message = "must be a station id")
            String stationId,

            @Pattern(regexp = SLUG, message = "must be a partner id")
            String partnerId,

            @NotNull PublicityKind kind,
            @NotBlank @Size(max = 200) String title,
            @Min(0) @Max(1000000) int participants,
            OffsetDateTime occurredAt) {}

    /** What a partner's stream holds, newest last: the drill-down behind the social-participation figures. */
    public record PartnerWorkLine(String eventType, OffsetDateTime occurredAt, DomainEvent details) {}

    private final EventSourcing sourcing;
    private final Caller caller;
    private final KnownPartners partners;
    private final KnownStations stations;

    public SocialParticipationResource(
            EventSourcing sourcing, Caller caller, KnownPartners partners, KnownStations stations) {
        this.sourcing = sourcing;
        this.caller = caller;
        this.partners = partners;
        this.stations = stations;
    }

    @POST
    @Path("partners/{partnerId}/agreements")
    @APIResponse(
            responseCode = "201",
            description = "The agreement was signed (Location: the partner's work)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"partnerId", "agreementId"},
                                            properties = {
                                                @SchemaProperty(name = "partnerId", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "agreementId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response signAgreement(
            @PathParam("partnerId") @Pattern(regexp = SLUG) String partnerId, @Valid @NotNull SignAgreement r) {
        UUID agreementId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(r.occurredAt());
        onPartner(
                partnerId,
                r.stationId(),
                (c, work) -> work.signAgreement(
                        agreementId,
                        r.stationId(),
                        r.parties(),
                        r.validFrom(),
                        r.validUntil(),
                        orEmpty(r.cluesShared()),
                        orEmpty(r.patientInformationShared()),
                        r.consent(),
                        at));
        return Response.created(URI.create("/api/partners/" + partnerId + "/work"))
                .entity(Map.of("partnerId", partnerId, "agreementId", agreementId))
                .build();
    }

    @POST
    @Path("partners/{partnerId}/capacity")
    @RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN, Roles.PARTNER})
    @APIResponse(
            responseCode = "201",
            description = "The capacity was recorded (Location: the partner's work)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"partnerId", "asOf"},
                                            properties = {
                                                @SchemaProperty(name = "partnerId", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "asOf",
                                                        type = SchemaType.STRING,
                                                        format = "date")
                                            })))
    public Response reportCapacity(
            @PathParam("partnerId") @Pattern(regexp = SLUG) String partnerId, @Valid @NotNull ReportCapacity r) {
        caller.requireOwnPartner(partnerId);
        OffsetDateTime at = BusinessTime.resolve(r.occurredAt());
        onPartner(
                partnerId,
                null,
                (c, work) -> work.reportCapacity(r.asOf(), r.teams(), r.workrooms(), r.volunteers(), at));
        return Response.created(URI.create("/api/partners/" + partnerId + "/work"))
                .entity(Map.of("partnerId", partnerId, "asOf", r.asOf()))
                .build();
    }

    @POST
    @Path("partners/{partnerId}/support")
    @APIResponse(
            responseCode = "201",
            description = "The ledger line was recorded (Location: the partner's work)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"partnerId", "supportId"},
                                            properties = {
                                                @SchemaProperty(name = "partnerId", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "supportId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response giveSupport(
            @PathParam("partnerId") @Pattern(regexp = SLUG) String partnerId, @Valid @NotNull GiveSupport r) {
        UUID supportId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(r.occurredAt());
        onPartner(
                partnerId,
                r.stationId(),
                (c, work) -> work.giveSupport(
                        supportId,
                        r.stationId(),
                        r.giver().strip(),
                        r.kind(),
                        r.description(),
                        r.amount(),
                        r.currency(),
                        at));
        return Response.created(URI.create("/api/partners/" + partnerId + "/work"))
                .entity(Map.of("partnerId", partnerId, "supportId", supportId))
                .build();
    }

    @GET
    @Path("partners/{partnerId}/work")
    @RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN, Roles.PARTNER})
    public List<PartnerWorkLine> work(@PathParam("partnerId") @Pattern(regexp = SLUG) String partnerId) {
        caller.requireOwnPartner(partnerId);
        LoadedStream stream = sourcing.inTransaction(c -> sourcing.store().load(c, stream(partnerId)));
        return stream.events().stream()
                .map(e -> new PartnerWorkLine(e.eventType(), e.occurredAt(), e.payload()))
                .toList();
    }

    @POST
    @Path("publicity-activities")
    @APIResponse(
            responseCode = "201",
            description = "The activity was recorded (Location: the activity)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"activityId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "activityId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response holdActivity(@Valid @NotNull HoldActivity r) {
        UUID activityId = UUID.randomUUID();
        OffsetDateTime at = BusinessTime.resolve(r.occurredAt());
        sourcing.inTransaction(c -> {
            requireStation(c, r.stationId());
            if (r.partnerId() != null && !partners.isKnown(c, r.partnerId())) {
                throw HomewardException.rule("partnerId", "Partner " + r.partnerId() + " is not registered");
            }
            return sourcing.append(
                    c,
                    new StreamId(PUBLICITY_STREAM, activityId.toString()),
                    0,
                    PartnerWork.holdPublicity(
                            activityId,
                            r.stationId(),
                            r.partnerId(),
                            r.kind(),
                            r.title().strip(),
                            r.participants(),
                            at),
                    caller.metadata());
        });
        return Response.created(URI.create("/api/publicity-activities/" + activityId))
                .entity(Map.of("activityId", activityId))
                .build();
    }

    /** One publicity activity as it was recorded (where a recorded activity's Location points). */
    @GET
    @Path("publicity-activities/{activityId}")
    public PartnerWorkLine activity(@PathParam("activityId") UUID activityId) {
        LoadedStream stream = sourcing.inTransaction(
                c -> sourcing.store().load(c, new StreamId(PUBLICITY_STREAM, activityId.toString())));
        if (stream.isEmpty()) {
            throw HomewardException.notFound("Publicity activity", activityId);
        }
        EventEnvelope e = stream.events().get(0);
        return new PartnerWorkLine(e.eventType(), e.occurredAt(), e.payload());
    }

    private interface Decision {
        List<NewEvent> decide(Connection c, PartnerWork work) throws SQLException;
    }

    /** Checks the partner (and station) are known, then appends what the partner's history decides. */
    private void onPartner(String partnerId, String stationId, Decision decision) {
        sourcing.inTransaction(c -> {
            if (!partners.isKnown(c, partnerId)) {
                throw HomewardException.rule("partnerId", "Partner " + partnerId + " is not registered");
            }
            if (stationId != null) {
                requireStation(c, stationId);
            }
            LoadedStream loaded = sourcing.store().load(c, stream(partnerId));
            return sourcing.append(
                    c,
                    loaded.id(),
                    loaded.version(),
                    decision.decide(c, PartnerWork.from(partnerId, loaded)),
                    caller.metadata());
        });
    }

    private void requireStation(Connection c, String stationId) throws SQLException {
        if (!stations.isKnown(c, stationId)) {
            throw HomewardException.rule("stationId", "Station " + stationId + " is not registered");
        }
    }

    /** The same stream as volunteer visits: one partner's work with the stations. */
    static StreamId stream(String partnerId) {
        return new StreamId(VolunteerVisitResource.STREAM, partnerId);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list.stream().map(String::strip).toList();
    }
}
