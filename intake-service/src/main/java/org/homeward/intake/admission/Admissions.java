package org.homeward.intake.admission;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.Sex;
import org.homeward.eventstore.Metadata;
import org.homeward.intake.person.Person;
import org.homeward.intake.referral.Referral;
import org.homeward.intake.station.StationViews;
import org.homeward.intake.stay.Stay;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * The admission use case (入站), shared by the API and the spreadsheet import: registers a new person
 * or re-admits a known one, opens the stay and, for an outreach referral, marks the expected arrival
 * as arrived. Runs on the caller's transaction.
 */
@ApplicationScoped
public class Admissions {
    /** Who a new person is, as far as the station knows at admission. */
    public record Newcomer(
            String name, Sex sex, Integer estimatedAge, boolean identified, String hometown, String description) {}

    public record Admitted(UUID personId, UUID stayId) {}

    private final EventSourcing sourcing;
    private final StationViews stations;
    private final StayViews stays;

    public Admissions(EventSourcing sourcing, StationViews stations, StayViews stays) {
        this.sourcing = sourcing;
        this.stations = stations;
        this.stays = stays;
    }

    /** Admits {@code newcomer} (a new person) or the known person {@code personId}: exactly one of them is given. */
    public Admitted admit(
            Connection c,
            Newcomer newcomer,
            UUID personId,
            String stationId,
            ArrivalChannel channel,
            UUID referralId,
            OffsetDateTime at,
            Metadata meta)
            throws SQLException {
        if (stations.find(c, stationId).isEmpty()) {
            throw HomewardException.rule("stationId", "Unknown station " + stationId);
        }
        boolean identified;
        if (newcomer != null) {
            personId = UUID.randomUUID();
            identified = newcomer.identified();
            sourcing.append(
                    c,
                    StreamId.of(Person.STREAM, personId),
                    0,
                    Person.register(
                            personId,
                            trim(newcomer.name()),
                            newcomer.sex(),
                            newcomer.estimatedAge(),
                            newcomer.identified(),
                            trim(newcomer.hometown()),
                            trim(newcomer.description()),
                            at),
                    meta);
        } else {
            Person person = Person.from(sourcing.store().load(c, StreamId.of(Person.STREAM, personId)));
            if (!person.exists()) {
                throw HomewardException.notFound("Person", personId);
            }
            person.requireActive(); // a merged-away record is admitted as its survivor (409 names it)
            if (stays.openStayOf(c, personId).isPresent()) {
                throw HomewardException.conflict("Person " + personId + " already has an open stay");
            }
            for (StayViews.StayView earlier : stays.ofPerson(c, personId)) {
                BusinessTime.notBefore(at, earlier.dischargedAt(), "the end of the person's previous stay");
            }
            identified = person.identityConfirmed();
        }
        UUID stayId = UUID.randomUUID();
        if (referralId != null) {
            StreamId referralStream = StreamId.of(Referral.STREAM, referralId);
            LoadedStream referral = sourcing.store().load(c, referralStream);
            sourcing.append(
                    c,
                    referralStream,
                    referral.version(),
                    Referral.from(referral).arrive(stayId, personId, stationId, at),
                    meta);
        }
        sourcing.append(
                c,
                StreamId.of(Stay.STREAM, stayId),
                0,
                Stay.admit(stayId, personId, stationId, channel, referralId, identified, at),
                meta);
        return new Admitted(personId, stayId);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
