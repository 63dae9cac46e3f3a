package org.homeward.intake.admission;

import org.homeward.platform.security.Roles;
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
import java.util.UUID;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.Sex;
import org.homeward.eventstore.LoadedStream;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.StreamId;
import org.homeward.eventstore.Transactions;
import org.homeward.intake.person.Person;
import org.homeward.intake.referral.Referral;
import org.homeward.intake.station.StationViews;
import org.homeward.intake.stay.Stay;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.security.Caller;

/**
 * Admission (入站): registers a new person or re-admits a known one, opens the stay and, when the
 * person came through an outreach referral, marks the expected arrival as arrived. One transaction.
 */
@Path("/api/admissions")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class AdmissionResource {

    public record NewPerson(@Size(max = 100) String name, @NotNull Sex sex, @Min(0) @Max(120) Integer estimatedAge,
                            @NotNull Boolean identified, @Size(max = 200) String hometown,
                            @Size(max = 2000) String description) {
    }

    public record Admit(@Valid NewPerson person, UUID personId, @NotBlank @Size(max = 64) String stationId,
                        ArrivalChannel arrivalChannel, UUID referralId, OffsetDateTime occurredAt) {
    }

    public record Admitted(UUID personId, UUID stayId) {
    }

    private final EventSourcing sourcing;
    private final StationViews stations;
    private final StayViews stays;
    private final Caller caller;

    public AdmissionResource(EventSourcing sourcing, StationViews stations, StayViews stays, Caller caller) {
        this.sourcing = sourcing;
        this.stations = stations;
        this.stays = stays;
        this.caller = caller;
    }

    @POST
    public Response admit(@Valid @NotNull Admit request) {
        if ((request.person() == null) == (request.personId() == null)) {
            throw HomewardException.badInput("person", "give either a new person or the personId of a known one");
        }
        ArrivalChannel channel = channelOf(request);
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        Metadata meta = caller.metadata();
        try {
            Admitted admitted = sourcing.inTransaction(c -> admit(c, request, channel, at, meta));
            return Response.created(URI.create("/api/stays/" + admitted.stayId())).entity(admitted).build();
        } catch (Transactions.DataAccessException e) {
            if ("23505".equals(e.getCause() instanceof SQLException s ? s.getSQLState() : null)) {
                throw HomewardException.conflict("The person already has an open stay");
            }
            throw e;
        }
    }

    private Admitted admit(Connection c, Admit request, ArrivalChannel channel, OffsetDateTime at, Metadata meta)
            throws SQLException {
        if (stations.find(c, request.stationId()).isEmpty()) {
            throw HomewardException.rule("stationId", "Unknown station " + request.stationId());
        }
        UUID personId;
        boolean identified;
        if (request.person() != null) {
            NewPerson p = request.person();
            personId = UUID.randomUUID();
            identified = p.identified();
            sourcing.append(c, StreamId.of(Person.STREAM, personId), 0, Person.register(personId, trim(p.name()),
                    p.sex(), p.estimatedAge(), p.identified(), trim(p.hometown()), trim(p.description()), at), meta);
        } else {
            personId = request.personId();
            Person person = Person.from(sourcing.store().load(c, StreamId.of(Person.STREAM, personId)));
            if (!person.exists()) {
                throw HomewardException.notFound("Person", personId);
            }
            if (stays.openStayOf(c, personId).isPresent()) {
                throw HomewardException.conflict("Person " + personId + " already has an open stay");
            }
            for (StayViews.StayView earlier : stays.ofPerson(c, personId)) {
                BusinessTime.notBefore(at, earlier.dischargedAt(), "the end of the person's previous stay");
            }
            identified = person.identityConfirmed();
        }
        UUID stayId = UUID.randomUUID();
        if (request.referralId() != null) {
            StreamId referralStream = StreamId.of(Referral.STREAM, request.referralId());
            LoadedStream referral = sourcing.store().load(c, referralStream);
            sourcing.append(c, referralStream, referral.version(),
                    Referral.from(referral).arrive(stayId, personId, request.stationId(), at), meta);
        }
        sourcing.append(c, StreamId.of(Stay.STREAM, stayId), 0, Stay.admit(stayId, personId, request.stationId(),
                channel, request.referralId(), identified, at), meta);
        return new Admitted(personId, stayId);
    }

    private static ArrivalChannel channelOf(Admit request) {
        if (request.referralId() == null) {
            if (request.arrivalChannel() == null) {
                throw HomewardException.badInput("arrivalChannel", "must not be null");
            }
            return request.arrivalChannel();
        }
        if (request.arrivalChannel() != null && request.arrivalChannel() != ArrivalChannel.OUTREACH_REFERRAL) {
            throw HomewardException.rule("arrivalChannel", "An admission with a referralId arrives as OUTREACH_REFERRAL");
        }
        return ArrivalChannel.OUTREACH_REFERRAL;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
