package org.homeward.events.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.intake.Build;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.MarkKind;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.FamilyPickupRecorded;
import org.junit.jupiter.api.Test;

class PersonalValuesTest {
    private final MemoryKeys keys = new MemoryKeys();
    private final EventCodec codec = EventCodec.withKeys(keys);
    private final UUID person = UUID.randomUUID();
    private final PersonRegistered registered =
            new PersonRegistered(person, "覃秀凤", Sex.FEMALE, 63, false, "湖南省凤凰县", "左耳缺一块，说湘西话");

    @Test
    void personal_values_are_sealed_and_the_rest_stays_clear() {
        String json = codec.payloadJson(registered);

        assertThat(json)
                .doesNotContain("覃秀凤")
                .doesNotContain("凤凰县")
                .doesNotContain("湘西话")
                .contains("\"enc\":\"v1\"")
                .contains("intake:" + person + ":1")
                .contains("\"sex\":\"FEMALE\"")
                .contains("\"estimatedAge\":63")
                .contains(person.toString());
        assertThat(codec.readPayload("intake.PersonRegistered", 1, json)).isEqualTo(registered);
    }

    @Test
    void an_envelope_on_the_wire_round_trips_with_lists_and_records_sealed() {
        DescriptionRecorded described = new DescriptionRecorded(
                person,
                160,
                165,
                Build.SLIGHT,
                "花白短发",
                List.of(new DistinguishingMark(MarkKind.SCAR, "左手背", "烫伤疤")),
                List.of("聋"),
                List.of("湘西口音"),
                "蓝布衫");
        EventEnvelope sent = envelope(described);

        String wire = codec.envelopeJson(sent);

        assertThat(wire)
                .doesNotContain("烫伤疤")
                .doesNotContain("湘西口音")
                .doesNotContain("蓝布衫")
                .contains("\"heightMinCm\":160")
                .contains("\"build\":\"SLIGHT\"");
        assertThat(codec.readEnvelope(wire)).isEqualTo(sent);
    }

    @Test
    void a_stays_exit_details_are_sealed_with_the_stays_key() {
        UUID stay = UUID.randomUUID();
        String json = codec.payloadJson(new FamilyPickupRecorded(stay, "覃大勇", "儿子"));

        assertThat(json).doesNotContain("覃大勇").contains("intake:" + stay + ":1").contains("儿子");
    }

    @Test
    void a_destroyed_key_reads_as_erased_and_never_fails_the_read() {
        String json = codec.payloadJson(registered);
        keys.destroy(person);

        PersonRegistered read = (PersonRegistered) codec.readPayload("intake.PersonRegistered", 1, json);

        assertThat(read).isEqualTo(new PersonRegistered(person, null, Sex.FEMALE, 63, false, null, null));
    }

    @Test
    void after_erasure_a_new_personal_value_is_not_kept() {
        keys.destroy(person);

        String json = codec.payloadJson(registered);

        assertThat(json).doesNotContain("覃秀凤").contains("\"name\":null");
    }

    @Test
    void a_reader_without_keys_sees_erased_values_and_the_clear_fields() {
        String json = codec.payloadJson(registered);

        PersonRegistered read = (PersonRegistered) new EventCodec().readPayload("intake.PersonRegistered", 1, json);

        assertThat(read.name()).isNull();
        assertThat(read.estimatedAge()).isEqualTo(63);
    }

    @Test
    void a_wrong_key_fails_loudly_instead_of_reading_something_else() {
        String json = codec.payloadJson(registered);
        keys.replace(person); // same key id, other key material

        assertThatThrownBy(() -> codec.readPayload("intake.PersonRegistered", 1, json))
                .hasMessageContaining("does not open");
    }

    @Test
    void a_sealed_value_moved_to_another_field_does_not_open() throws Exception {
        ObjectNode tree = (ObjectNode) codec.mapper().readTree(codec.payloadJson(registered));
        tree.set("hometown", tree.get("name").deepCopy());

        assertThatThrownBy(() -> codec.readPayload("intake.PersonRegistered", 1, tree.toString()))
                .hasMessageContaining("does not open");
    }

    @Test
    void a_sealed_payload_as_postgresql_jsonb_writes_it_back_still_opens() throws Exception {
        // jsonb::text puts a space after every colon and orders keys its own way
        String jsonb = codec.payloadJson(registered).replace("\":", "\": ");

        assertThat(codec.readPayload("intake.PersonRegistered", 1, jsonb)).isEqualTo(registered);
    }

    @Test
    void a_value_written_in_clear_before_sealing_began_still_reads() {
        String clear = new EventCodec().payloadJson(registered);

        assertThat(clear).contains("覃秀凤");
        assertThat(codec.readPayload("intake.PersonRegistered", 1, clear)).isEqualTo(registered);
    }

    @Test
    void every_personal_component_names_its_data_subject() {
        for (Class<?> type : EventTypes.all()) {
            if (PersonalValues.hasPersonal(type)) { // computes the shape: throws when no subject
                assertThat(PersonalValues.personalComponents(type)).isNotEmpty();
            }
        }
        assertThat(PersonalValues.personalComponents(PersonRegistered.class))
                .containsExactly("name", "hometown", "description");
    }

    private static EventEnvelope envelope(DomainEvent payload) {
        OffsetDateTime at = OffsetDateTime.of(2018, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC);
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "person",
                UUID.randomUUID().toString(),
                1,
                at,
                at.plusMinutes(1),
                new Actor("staff-li", "STATION_STAFF", null),
                UUID.randomUUID(),
                null,
                payload);
    }

    /** Keys in memory, as a service's key table would hold them. */
    static final class MemoryKeys implements Keyring {
        private final Map<UUID, SecretKey> keys = new HashMap<>();
        private final Map<UUID, Boolean> destroyed = new HashMap<>();

        @Override
        public boolean seals() {
            return true;
        }

        @Override
        public Optional<DataKey> sealing(UUID subject) {
            if (destroyed.containsKey(subject)) {
                return Optional.empty();
            }
            return Optional.of(
                    new DataKey(DataKey.id("intake", subject, 1), keys.computeIfAbsent(subject, s -> newKey())));
        }

        @Override
        public Optional<SecretKey> opening(String keyId) {
            return Optional.ofNullable(keys.get(DataKey.subject(keyId)));
        }

        void destroy(UUID subject) {
            keys.remove(subject);
            destroyed.put(subject, true);
        }

        void replace(UUID subject) {
            keys.put(subject, newKey());
        }

        private static SecretKey newKey() {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                return generator.generateKey();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
