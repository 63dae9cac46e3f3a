package org.homeward.intake.admission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.Sex;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.Transactions;
import org.homeward.intake.duplicate.DuplicateCheck;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Admission (入站): registers a new person or re-admits a known one, opens the stay and, when the
 * person came through an outreach referral, marks the expected arrival as arrived. One transaction.
 */
@Path("/api/admissions")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class AdmissionResource {

    public record NewPerson(
            @Size(max = 100) String name,
            @NotNull Sex sex,
            @Min(0) @Max(120) Integer estimatedAge,
            @NotNull Boolean identified,
            @Size(max = 200) String hometown,
            @Size(max = 2000) String description) {}

    public record Admit(
            @Valid NewPerson person,
            UUID personId,
            @NotBlank @Size(max = 64) String stationId,

            @Schema(required = true, description = "OUTREACH_REFERRAL when referralId is given")
            ArrivalChannel arrivalChannel,

            UUID referralId,
            OffsetDateTime occurredAt) {}

    /** {@code possibleDuplicates}: records that may be the newly registered person already (review them). */
    public record Admitted(UUID personId, UUID stayId, List<DuplicateCheck.SuspectedPair> possibleDuplicates) {}

    private final EventSourcing sourcing;
    private final Admissions admissions;
    private final Caller caller;
    private final DuplicateCheck duplicates;

    public AdmissionResource(EventSourcing sourcing, Admissions admissions, Caller caller, DuplicateCheck duplicates) {
        this.sourcing = sourcing;
        this.admissions = admissions;
        this.caller = caller;
        this.duplicates = duplicates;
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "Admitted: the person and the stay opened (Location: the stay)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Admitted.class)))
    public Response admit(@Valid @NotNull Admit request) {
        if ((request.person() == null) == (request.personId() == null)) {
            throw HomewardException.badInput("person", "give either a new person or the personId of a known one");
        }
        ArrivalChannel channel = channelOf(request);
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        Metadata meta = caller.metadata();
        try {
            Admitted admitted = sourcing.inTransaction(c -> admit(c, request, channel, at, meta));
            if (request.person() != null) { // a new registration: is this person on record already?
                admitted = new Admitted(admitted.personId(), admitted.stayId(), duplicates.of(admitted.personId()));
            }
            return Response.created(URI.create("/api/stays/" + admitted.stayId()))
                    .entity(admitted)
                    .build();
        } catch (Transactions.DataAccessException e) {
            if ("23505".equals(e.getCause() instanceof SQLException s ? s.getSQLState() : null)) {
                throw HomewardException.conflict("The person already has an open stay");
            }
            throw e;
        }
    }

    private Admitted admit(Connection c, Admit request, ArrivalChannel channel, OffsetDateTime at, Metadata meta)
            throws SQLException {
        NewPerson p = request.person();
        Admissions.Newcomer newcomer = p == null
                ? null
                : new Admissions.Newcomer(
                        p.name(), p.sex(), p.estimatedAge(), p.identified(), p.hometown(), p.description());
        Admissions.Admitted a = admissions.admit(
                c, newcomer, request.personId(), request.stationId(), channel, request.referralId(), at, meta);
        return new Admitted(a.personId(), a.stayId(), List.of());
    }

    private static ArrivalChannel channelOf(Admit request) {
        if (request.referralId() == null) {
            if (request.arrivalChannel() == null) {
                throw HomewardException.badInput("arrivalChannel", "must not be null");
            }
            return request.arrivalChannel();
        }
        if (request.arrivalChannel() != null && request.arrivalChannel() != ArrivalChannel.OUTREACH_REFERRAL) {
            throw HomewardException.rule(
                    "arrivalChannel", "An admission with a referralId arrives as OUTREACH_REFERRAL");
        }
        return ArrivalChannel.OUTREACH_REFERRAL;
    }
}
