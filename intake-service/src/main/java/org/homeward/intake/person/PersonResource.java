package org.homeward.intake.person;

import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.intake.stay.Stay;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.Disclosure;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

@Path("/api/persons/{personId}")
@Authenticated
public class PersonResource {

    public record RecordFragment(
            @NotNull FragmentKind kind,
            @NotBlank @Size(max = 500) String value,
            FragmentSource source,
            @Size(max = 100) String collectedBy,
            OffsetDateTime occurredAt) {}

    public record ConfirmIdentity(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String hometown,
            OffsetDateTime occurredAt) {}

    public record CorrectIdentity(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String hometown,
            @NotBlank @Size(max = 500) String reason,
            OffsetDateTime occurredAt) {}

    public record PersonRecord(
            PersonViews.PersonView person,
            boolean awaitingPickup,
            @Classified(DataClass.IDENTITY_FRAGMENTS) List<PersonViews.FragmentView> fragments,
            List<StayViews.StayView> stays,
            @Classified(DataClass.IDENTITY_FRAGMENTS) DescriptionViews.DescriptionView description,
            @Classified(DataClass.IDENTITY_FRAGMENTS) List<DescriptionViews.PhotoView> photos,
            ErasedPersons.Erasure erasure) {}

    public record HistoryEntry(
            UUID personId,
            String eventType,
            String streamType,
            String streamId,
            long streamVersion,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            Object actor,
            Object payload) {}

    private final EventSourcing sourcing;
    private final PersonViews persons;
    private final StayViews stays;
    private final Caller caller;
    private final AuditLog audit;
    private final DescriptionViews descriptions;
    private final ErasedPersons erased;
    private final PersonCommands commands;

    public PersonResource(
            EventSourcing sourcing,
            PersonViews persons,
            StayViews stays,
            Caller caller,
            AuditLog audit,
            DescriptionViews descriptions,
            ErasedPersons erased,
            PersonCommands commands) {
        this.commands = commands;
        this.descriptions = descriptions;
        this.erased = erased;
        this.sourcing = sourcing;
        this.persons = persons;
        this.stays = stays;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The person, their stays, fragments, description and photos (ETag: the person's version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonRecord.class)))
    public Response get(@PathParam("personId") UUID personId) {
        PersonRecord record = sourcing.inTransaction(c -> {
            PersonViews.PersonView person =
                    persons.find(c, personId).orElseThrow(() -> HomewardException.notFound("Person", personId));
            List<StayViews.StayView> personStays = stays.ofPerson(c, personId);
            boolean open = personStays.stream().anyMatch(StayViews.StayView::open);
            return new PersonRecord(
                    person,
                    open && person.familyFoundAt() != null,
                    persons.fragments(c, personId),
                    personStays,
                    descriptions.description(c, personId).orElse(null),
                    descriptions.photos(c, personId),
                    erased.of(c, person.personId()).orElse(null)); // erased: personal values null, and when, who, why
        });
        audit.record(caller, "READ_PERSON", personId);
        return Response.ok(record).tag(Versions.etag(record.person().version())).build();
    }

    @POST
    @Path("fragments")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The fragment was recorded (Location: the person)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"fragmentId"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "fragmentId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid")
                                            })))
    public Response recordFragment(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RecordFragment request) {
        FragmentSource source = request.source() == null ? FragmentSource.STAFF : request.source();
        UUID fragmentId = commands.recordFragment(
                personId,
                Versions.ifMatch(ifMatch),
                request.kind(),
                request.value().strip(),
                source,
                request.collectedBy(),
                request.occurredAt());
        return Response.created(URI.create("/api/persons/" + personId))
                .entity(Map.of("fragmentId", fragmentId))
                .build();
    }

    @POST
    @Path("identity")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The person as they now stand (ETag: the person's version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonRecord.class)))
    public Response confirmIdentity(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ConfirmIdentity request) {
        commands.confirmIdentity(
                personId,
                Versions.ifMatch(ifMatch),
                request.name().strip(),
                request.hometown().strip(),
                request.occurredAt());
        return get(personId);
    }

    @POST
    @Path("identity/corrections")
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The person as they now stand (ETag: the person's version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonRecord.class)))
    public Response correctIdentity(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull CorrectIdentity request) {
        commands.correctIdentity(
                personId,
                Versions.ifMatch(ifMatch),
                request.name().strip(),
                request.hometown().strip(),
                request.reason().strip(),
                request.occurredAt());
        return get(personId);
    }

    /**
     * Everything that happened to the person, in business-time order, each with when it was recorded and the
     * record ({@code personId}) it was recorded on: a survivor's history holds those of the records merged
     * into it (ADR 23, 31). A merged-away record's history is the survivor's, whose address the answer's
     * Content-Location names, as its record reads as the survivor's.
     */
    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "The person's history (Content-Location: the survivor's, when the record was merged away)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntry.class)))
    public Response history(@PathParam("personId") UUID personId) {
        audit.record(caller, "READ_PERSON_HISTORY", personId);
        record Entry(UUID record, EventEnvelope event) {}
        record History(UUID survivor, List<HistoryEntry> entries) {}
        History history = sourcing.inTransaction(c -> {
            if (sourcing.store().load(c, stream(personId)).isEmpty()) {
                throw HomewardException.notFound("Person", personId);
            }
            List<Entry> events = new ArrayList<>();
            for (UUID record : persons.records(c, personId)) {
                sourcing.store().load(c, stream(record)).events().forEach(e -> events.add(new Entry(record, e)));
            }
            for (StayViews.StayView stay : stays.ofPerson(c, personId)) {
                sourcing.store()
                        .load(c, StreamId.of(Stay.STREAM, stay.stayId()))
                        .events()
                        .forEach(e -> events.add(new Entry(stay.personId(), e)));
            }
            events.sort(Comparator.comparing((Entry e) -> e.event().occurredAt())
                    .thenComparing(e -> e.event().recordedAt()));
            return new History(
                    PersonMergeTable.survivorOf(c, personId),
                    events.stream()
                            .filter(e -> Disclosure.mayRead(e.event().payload()))
                            .map(e -> new HistoryEntry(
                                    e.record(),
                                    e.event().eventType(),
                                    e.event().streamType(),
                                    e.event().streamId(),
                                    e.event().streamVersion(),
                                    e.event().occurredAt(),
                                    e.event().recordedAt(),
                                    e.event().actor(),
                                    e.event().payload()))
                            .toList());
        });
        Response.ResponseBuilder answer = Response.ok(history.entries());
        if (!history.survivor().equals(personId)) {
            answer.header("Content-Location", "/api/persons/" + history.survivor() + "/history");
        }
        return answer.build();
    }

    private static StreamId stream(UUID personId) {
        return StreamId.of(Person.STREAM, personId);
    }
}
