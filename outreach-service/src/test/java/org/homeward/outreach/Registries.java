package org.homeward.outreach;

import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.ReferralEvent;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.PartnerKind;
import org.homeward.testsupport.KafkaTestClient;

/**
 * Registers a station or a partner as intake and search-service would: their event on their topic
 * (as this service's configuration names it), then waits until outreach has taken it in.
 */
final class Registries {

    static void station(AgroalDataSource db, String stationId) {
        publish("intake-events", "station", stationId, new StationRegistered(stationId, "站 " + stationId, null, null));
        awaitRow(db, "SELECT 1 FROM known_station WHERE station_id = ?", stationId);
    }

    static void partner(AgroalDataSource db, String partnerId) {
        publish(
                "search-events",
                "partner",
                partnerId,
                new PartnerRegistered(partnerId, "伙伴 " + partnerId, PartnerKind.NGO));
        awaitRow(db, "SELECT 1 FROM known_partner WHERE partner_id = ?", partnerId);
    }

    /** A person admitted at the station, and (when {@code inHospital}) in hospital: intake's events on its topic. */
    static UUID resident(AgroalDataSource db, String stationId, boolean inHospital) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        publish(
                "intake-events",
                "stay",
                stay.toString(),
                new StayEvent.PersonAdmitted(stay, person, stationId, ArrivalChannel.HOSPITAL, null, false));
        if (inHospital) {
            publish(
                    "intake-events",
                    "stay",
                    stay.toString(),
                    new StayEvent.HospitalisationStarted(stay, UUID.randomUUID(), "市第三人民医院"));
        }
        awaitRow(
                db,
                "SELECT 1 FROM known_resident_stay WHERE person_id::text = ? AND (hospitalisation_id IS NOT NULL) = "
                        + inHospital,
                person.toString());
        return person;
    }

    /** Intake merged {@code merged} into {@code survivor} (ADR 23): the event on both persons' streams, as intake appends it. */
    static void merge(AgroalDataSource db, UUID mergeId, UUID survivor, UUID merged) {
        for (UUID stream : List.of(merged, survivor)) {
            publish(
                    "intake-events",
                    "person",
                    stream.toString(),
                    new PersonEvent.PersonMerged(stream, mergeId, survivor, merged, "同一人", List.of(), List.of()));
        }
        awaitRow(db, "SELECT 1 FROM person_merge WHERE merge_id::text = ? AND unmerged_at IS NULL", mergeId.toString());
    }

    static void unmerge(AgroalDataSource db, UUID mergeId, UUID survivor, UUID merged) {
        for (UUID stream : List.of(survivor, merged)) {
            publish(
                    "intake-events",
                    "person",
                    stream.toString(),
                    new PersonEvent.PersonUnmerged(stream, mergeId, survivor, merged, "不是同一人"));
        }
        awaitRow(
                db,
                "SELECT 1 FROM person_merge WHERE merge_id::text = ? AND unmerged_at IS NOT NULL",
                mergeId.toString());
    }

    /** Intake recorded that the referral arrived as {@code person} (its stay {@code stay}). */
    static void arrived(AgroalDataSource db, UUID referral, UUID stay, UUID person) {
        publish(
                "intake-events",
                "referral",
                referral.toString(),
                new ReferralEvent.ArrivalRecorded(referral, stay, person));
        awaitRow(db, "SELECT 1 FROM known_arrival WHERE referral_id::text = ?", referral.toString());
    }

    /** Intake erased the person (ADR 33). */
    static void erased(UUID person) {
        publish("intake-events", "person", person.toString(), new PersonEvent.PersonErased(person, "本人要求"));
    }

    private static void publish(String channel, String streamType, String streamId, DomainEvent payload) {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming." + channel + ".topic", String.class);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                streamType,
                streamId,
                1,
                OffsetDateTime.now(),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(topic, streamId, new EventCodec().envelopeJson(envelope));
    }

    private static void awaitRow(AgroalDataSource db, String sql, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private Registries() {}
}
