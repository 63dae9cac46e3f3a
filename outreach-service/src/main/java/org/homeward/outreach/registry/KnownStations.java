package org.homeward.outreach.registry;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.events.intake.ReferralEvent.ArrivalRecorded;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.Sql;

/**
 * The stations intake has registered, so a programme can only be started for one of them; the
 * stays intake has open, with whether the person is in hospital now, so a hospital post's patient
 * can be linked to the station's own resident (known_resident_stay); and the persons intake merged
 * (person_merge, the platform's table), so a street case follows its resident's survivor (ADR 23).
 */
@ApplicationScoped
public class KnownStations extends ChannelConsumer {

    private final Instance<ResidentErasures> erasures;

    public KnownStations(IncomingEvents incoming, Instance<ResidentErasures> erasures) {
        super(incoming, "intake-events", "outreach.stations", appliedTypes());
        this.erasures = erasures;
    }

    /** What {@link #apply} reads; every other type of intake's topic (most of it) is passed over unread. */
    private static Set<Class<? extends DomainEvent>> appliedTypes() {
        Set<Class<? extends DomainEvent>> types = new HashSet<>(PersonMergeTable.APPLIED_TYPES);
        types.addAll(Set.of(
                StationRegistered.class,
                PersonAdmitted.class,
                HospitalisationStarted.class,
                HospitalisationEnded.class,
                ArrivalRecorded.class,
                PersonErased.class,
                PersonDischarged.class));
        return types;
    }

    @Incoming("intake-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> poll) {
        return accept("intake-events", poll);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        PersonMergeTable.apply(c, event);
        if (event.payload() instanceof StationRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO known_station (station_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    e.stationId(),
                    e.name());
        } else if (event.payload() instanceof PersonAdmitted e) {
            Sql.update(
                    c,
                    "INSERT INTO known_resident_stay (stay_id, person_id, station_id) VALUES (?, ?, ?) "
                            + "ON CONFLICT (stay_id) DO UPDATE SET person_id = excluded.person_id, station_id = excluded.station_id",
                    e.stayId(),
                    e.personId(),
                    e.stationId());
        } else if (event.payload() instanceof HospitalisationStarted e) {
            stayFact(c, e.stayId(), "hospitalisation_id", e.hospitalisationId());
        } else if (event.payload() instanceof HospitalisationEnded e) {
            Sql.update(
                    c,
                    "UPDATE known_resident_stay SET hospitalisation_id = NULL WHERE stay_id = ? AND hospitalisation_id = ?",
                    e.stayId(),
                    e.hospitalisationId());
        } else if (event.payload() instanceof ArrivalRecorded e) { // the referral became this person
            Sql.update(
                    c,
                    "INSERT INTO known_arrival (referral_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    e.referralId(),
                    e.personId());
        } else if (event.payload() instanceof PersonErased e) {
            for (ResidentErasures erasure : erasures) {
                erasure.personErased(c, e.personId());
            }
        } else if (event.payload() instanceof PersonDischarged e) {
            stayFact(c, e.stayId(), "discharged", true);
        }
    }

    private static void stayFact(Connection c, UUID stay, String column, Object value) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO known_resident_stay (stay_id, " + column + ") VALUES (?, ?) ON CONFLICT (stay_id) "
                        + "DO UPDATE SET " + column + " = excluded." + column,
                stay,
                value);
    }

    public record ResidentStay(UUID stayId, String stationId) {}

    /** The person's open stay while they are in hospital, if outreach knows of one: theirs or a merged record's. */
    public Optional<ResidentStay> inHospital(Connection c, UUID personId) throws SQLException {
        return Sql.one(
                c,
                "SELECT stay_id, station_id FROM known_resident_stay WHERE person_id IN (SELECT person_records(?)) "
                        + "AND NOT discharged AND hospitalisation_id IS NOT NULL LIMIT 1",
                rs -> new ResidentStay(rs.getObject(1, UUID.class), rs.getString(2)),
                personId);
    }

    public boolean isKnown(Connection c, String stationId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM known_station WHERE station_id = ?", rs -> true, stationId)
                .isPresent();
    }
}
