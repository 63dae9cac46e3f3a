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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.LoadedStream;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.merge.PersonMergeTable;
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
    private final Caller caller;
    private final AuditLog audit;
    private final RiskFlagCommands commands;
    private final FlagChanges flagChanges;

    public RiskFlagResource(
            EventSourcing sourcing,
            StayViews stays,
            Caller caller,
            AuditLog audit,
            RiskFlagCommands commands,
            FlagChanges flagChanges) {
        this.sourcing = sourcing;
        this.stays = stays;
        this.caller = caller;
        this.audit = audit;
        this.commands = commands;
        this.flagChanges = flagChanges;
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
        PersonFlags flags = commands.set(
                personId,
                Versions.ifMatch(ifMatch),
                request.flag(),
                note(request.note()),
                request.occurredAt(),
                c -> read(c, personId));
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
        PersonFlags flags = commands.clear(
                personId,
                Versions.ifMatch(ifMatch),
                flag,
                request == null ? null : note(request.note()),
                request == null ? null : request.occurredAt(),
                c -> read(c, personId));
        return Response.ok(flags).tag(Versions.etag(flags.version())).build();
    }

    /**
     * The flags of the person {@code asked} reads as (the survivor while merged away, ADR 23): the changes
     * recorded on each of their records, in business-time order, a flag holding while its latest change set
     * it; the version is the survivor's own stream's, where commands go. An unknown record is 404.
     */
    private PersonFlags read(Connection c, UUID asked) throws SQLException {
        flagChanges.registration(c, asked);
        UUID personId = PersonMergeTable.survivorOf(c, asked);
        FlagChanges.Registration person = flagChanges.registration(c, personId);
        LoadedStream loaded = flagChanges.own(c, personId);
        List<EventEnvelope> changes = flagChanges.of(c, personId, loaded);
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
