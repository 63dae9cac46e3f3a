package org.homeward.intake.atrisk;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.intake.person.Person;
import org.homeward.intake.person.PersonViews;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;

/**
 * The people at risk (重点人员): flags set and cleared by hand, each with when and who, beside the
 * derived ones (minor and elderly from the estimated age, long-term hospitalised from the hospital
 * episodes; thresholds in docs/definitions.md). Health data: care staff and admin only.
 */
@Path("/api/persons/{personId}/risk-flags")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class RiskFlagResource {
    static final int MINOR_BELOW = 18;
    static final int ELDERLY_FROM = 60;
    static final int LONG_TERM_HOSPITAL_DAYS = 30;

    public record SetFlag(
            @NotNull RiskFlag flag, @Size(max = 500) String note, OffsetDateTime occurredAt) {}

    public record ClearFlag(@Size(max = 500) String note, OffsetDateTime occurredAt) {}

    /** A flag in force now: {@code source} HAND (recorded) or DERIVED, with the date it holds from. */
    public record CurrentFlag(String flag, String source, OffsetDateTime since) {}

    /** {@code personId}: the record the change was recorded on (a record merged into the person's, ADR 23). */
    public record FlagChange(
            String change,
            RiskFlag flag,
            String note,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            String by,
            UUID personId) {}

    public record PersonFlags(
            UUID personId, Integer estimatedAge, List<CurrentFlag> current, List<FlagChange> history, long version) {}

    private final EventSourcing sourcing;
    private final StayViews stays;
    private final PersonViews persons;
    private final Caller caller;
    private final AuditLog audit;

    public RiskFlagResource(
            EventSourcing sourcing, StayViews stays, PersonViews persons, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.stays = stays;
        this.caller = caller;
        this.audit = audit;
        this.persons = persons;
    }

    @GET
    @APIResponse(
            responseCode = "200",
            description = "The person's flags in force and their history (ETag: their version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonFlags.class)))
    public Response get(@PathParam("personId") UUID personId) {
        PersonFlags flags = sourcing.inTransaction(c -> read(c, personId));
        audit.record(caller, "READ_RISK_FLAGS", personId);
        return Response.ok(flags).tag(Versions.etag(flags.version())).build();
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description =
                    "The flag was set; the person's flags as they now stand (Location: where they are read, ETag: their version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonFlags.class)))
    public Response set(
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SetFlag request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        PersonFlags flags = sourcing.inTransaction(c -> {
            Registration person = registration(c, personId);
            requireActive(c, personId);
            if (at.isBefore(person.at())) {
                throw HomewardException.rule(
                        "occurredAt", "must not be before the person's registration (" + person.at() + ")");
            }
            command(
                    c,
                    personId,
                    ifMatch,
                    f -> f.set(personId, request.flag(), person.estimatedAge(), note(request.note()), at));
            return read(c, personId);
        });
        return Response.created(URI.create("/api/persons/" + personId + "/risk-flags"))
                .entity(flags)
                .tag(Versions.etag(flags.version()))
                .build();
    }

    @POST
    @Path("{flag}/clear")
    @APIResponse(
            responseCode = "200",
            description = "The flag was cleared; the person's flags as they now stand (ETag: their version)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonFlags.class)))
    public Response clear(
            @PathParam("personId") UUID personId,
            @PathParam("flag") RiskFlag flag,
            @HeaderParam("If-Match") String ifMatch,
            @Valid ClearFlag request) {
        OffsetDateTime at = BusinessTime.resolve(request == null ? null : request.occurredAt());
        String note = request == null ? null : note(request.note());
        PersonFlags flags = sourcing.inTransaction(c -> {
            registration(c, personId);
            requireActive(c, personId);
            command(c, personId, ifMatch, f -> f.clear(personId, flag, note, at));
            return read(c, personId);
        });
        return Response.ok(flags).tag(Versions.etag(flags.version())).build();
    }

    private void command(Connection c, UUID personId, String ifMatch, Function<RiskFlags, List<NewEvent>> decide)
            throws SQLException {
        StreamId stream = StreamId.of(RiskFlags.STREAM, personId);
        LoadedStream loaded = sourcing.store().load(c, stream);
        Long expected = Versions.ifMatch(ifMatch);
        if (expected != null && expected != loaded.version()) {
            throw new HomewardException(
                    412,
                    "Precondition failed",
                    "The flags are at version " + loaded.version() + ", not " + expected
                            + " (If-Match); reload them and try again",
                    List.of());
        }
        // decided on the flags as shown (all the person's records), recorded on the survivor's own stream
        sourcing.append(
                c,
                stream,
                loaded.version(),
                decide.apply(RiskFlags.of(changes(c, personId, loaded))),
                caller.metadata());
    }

    /**
     * The flag changes of every record that reads as the person {@code survivor} (ADR 23, 31): its own stream
     * ({@code own}) and those of the records merged into it, in business-time order.
     */
    private List<EventEnvelope> changes(Connection c, UUID survivor, LoadedStream own) throws SQLException {
        List<EventEnvelope> changes = new ArrayList<>(own.events());
        for (UUID record : persons.records(c, survivor)) {
            if (!record.equals(survivor)) {
                changes.addAll(sourcing.store()
                        .load(c, StreamId.of(RiskFlags.STREAM, record))
                        .events());
            }
        }
        changes.sort(Comparator.comparing(EventEnvelope::occurredAt).thenComparing(EventEnvelope::recordedAt));
        return changes;
    }

    private record Registration(Integer estimatedAge, OffsetDateTime at) {}

    /** The person's registration, from their own stream; an unknown person is 404 naming {@code personId}. */
    private Registration registration(Connection c, UUID personId) throws SQLException {
        for (EventEnvelope e :
                sourcing.store().load(c, StreamId.of(Person.STREAM, personId)).events()) {
            if (e.payload() instanceof PersonRegistered r) {
                return new Registration(r.estimatedAge(), e.occurredAt());
            }
        }
        throw new HomewardException(
                404,
                "Not Found",
                "Person " + personId + " is not known",
                List.of(new FieldError("personId", "no such person")));
    }

    /** Flags are set and cleared on the survivor, not on a record merged away (409 naming it, ADR 23). */
    private void requireActive(Connection c, UUID personId) throws SQLException {
        Person.from(sourcing.store().load(c, StreamId.of(Person.STREAM, personId)))
                .requireActive();
    }

    /**
     * The flags of the person {@code asked} reads as (the survivor while merged away, ADR 23): the changes
     * recorded on each of their records, in business-time order, a flag holding while its latest change set
     * it; the version is the survivor's own stream's, where commands go. An unknown record is 404.
     */
    private PersonFlags read(Connection c, UUID asked) throws SQLException {
        registration(c, asked);
        UUID personId = PersonMergeTable.survivorOf(c, asked);
        Registration person = registration(c, personId);
        LoadedStream loaded = sourcing.store().load(c, StreamId.of(RiskFlags.STREAM, personId));
        List<EventEnvelope> changes = changes(c, personId, loaded);
        OffsetDateTime now = BusinessTime.now();
        List<CurrentFlag> current = new ArrayList<>();
        List<FlagChange> history = new ArrayList<>();
        Map<RiskFlag, OffsetDateTime> since = new EnumMap<>(RiskFlag.class);
        for (EventEnvelope e : changes) {
            String by = e.actor() == null ? null : e.actor().subject();
            UUID record = UUID.fromString(e.streamId());
            if (e.payload() instanceof RiskFlagSet s) {
                since.putIfAbsent(s.flag(), e.occurredAt());
                history.add(new FlagChange("SET", s.flag(), s.note(), e.occurredAt(), e.recordedAt(), by, record));
            } else if (e.payload() instanceof RiskFlagCleared s) {
                since.remove(s.flag());
                history.add(new FlagChange("CLEARED", s.flag(), s.note(), e.occurredAt(), e.recordedAt(), by, record));
            }
        }
        since.forEach((flag, at) -> current.add(new CurrentFlag(flag.name(), "HAND", at)));
        if (person.estimatedAge() != null) {
            // the age moves on from the registration's estimate, one year per full year since
            int age = person.estimatedAge() + (int) ChronoUnit.YEARS.between(person.at(), now);
            if (age < MINOR_BELOW) {
                current.add(new CurrentFlag(RiskFlag.MINOR.name(), "DERIVED", person.at()));
            } else if (age >= ELDERLY_FROM) {
                current.add(new CurrentFlag(
                        RiskFlag.ELDERLY.name(),
                        "DERIVED",
                        person.estimatedAge() >= ELDERLY_FROM
                                ? person.at()
                                : person.at().plusYears(ELDERLY_FROM - person.estimatedAge())));
            }
        }
        stays.ofPerson(c, personId).stream()
                .flatMap(s -> s.hospitalisations().stream())
                .filter(h -> h.endedAt() == null
                        && !h.startedAt().plusDays(LONG_TERM_HOSPITAL_DAYS).isAfter(now))
                .findFirst()
                .ifPresent(h -> current.add(new CurrentFlag(
                        "LONG_TERM_HOSPITALISED", "DERIVED", h.startedAt().plusDays(LONG_TERM_HOSPITAL_DAYS))));
        return new PersonFlags(personId, person.estimatedAge(), current, history, loaded.version());
    }

    private static String note(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }
}
