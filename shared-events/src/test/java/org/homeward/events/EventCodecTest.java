package org.homeward.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    static Stream<Class<? extends DomainEvent>> everyEventType() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void every_event_type_survives_the_wire(Class<? extends DomainEvent> type) throws Exception {
        DomainEvent payload = sample(type);
        EventEnvelope sent = envelope(payload);

        EventEnvelope received = codec.readEnvelope(codec.envelopeJson(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(received.payload()).isInstanceOf(type);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void the_event_type_is_read_from_the_wire_without_the_payload(Class<? extends DomainEvent> type) throws Exception {
        String wire = codec.envelopeJson(envelope(sample(type)));

        assertThat(codec.eventTypeOf(wire)).contains(EventTypes.nameOf(type));
    }

    @Test
    void a_record_without_an_event_type_has_none_to_pass_over() {
        assertThat(codec.eventTypeOf("{\"payload\":{\"eventType\":\"intake.PersonRegistered\"}}"))
                .isEmpty();
        assertThat(codec.eventTypeOf("not json")).isEmpty();
        assertThat(codec.eventTypeOf("{\"eventType\":7}")).isEmpty();
        assertThat(codec.eventTypeOf(null)).isEmpty();
    }

    @Test
    void the_type_name_is_the_service_and_the_record() {
        assertThat(EventTypes.nameOf(IdentityConfirmed.class)).isEqualTo("intake.IdentityConfirmed");
        assertThat(EventTypes.classOf("search.FamilyFound")).isPresent();
    }

    @Test
    void an_unknown_event_type_is_reported_not_guessed() {
        String json = codec.envelopeJson(envelope(new IdentityConfirmed(UUID.randomUUID(), "张三", "湖南")))
                .replace("intake.IdentityConfirmed", "intake.SomethingFromTheFuture");

        assertThatThrownBy(() -> codec.readEnvelope(json))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("intake.SomethingFromTheFuture");
    }

    @Test
    void an_old_payload_is_upcast_to_the_current_shape() {
        // A version-0 IdentityConfirmed called the field "birthplace": an upcaster renames it.
        Upcaster rename = new Upcaster() {
            public String eventType() {
                return "intake.IdentityConfirmed";
            }

            public int fromVersion() {
                return 0;
            }

            public ObjectNode upcast(ObjectNode payload) {
                payload.set("hometown", payload.remove("birthplace"));
                return payload;
            }
        };
        EventCodec withUpcaster = new EventCodec(List.of(rename));
        UUID person = UUID.randomUUID();

        DomainEvent read = withUpcaster.readPayload(
                "intake.IdentityConfirmed",
                0,
                "{\"personId\":\"" + person + "\",\"name\":\"李四\",\"birthplace\":\"四川\"}");

        assertThat(read).isEqualTo(new IdentityConfirmed(person, "李四", "四川"));
    }

    @Test
    void a_version_1_support_line_reads_as_version_2_in_fen_from_an_envelope_on_a_topic() {
        UUID support = UUID.randomUUID();
        String v1 = "{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"eventType\":\"outreach.SupportGiven\",\"schemaVersion\":1,"
                + "\"streamType\":\"partner-work\",\"streamId\":\"rangaihuijia\",\"streamVersion\":4,"
                + "\"occurredAt\":\"2018-06-01T10:00:00+08:00\",\"recordedAt\":\"2018-06-01T10:00:05+08:00\","
                + "\"payload\":{\"partnerId\":\"rangaihuijia\",\"supportId\":\"" + support
                + "\",\"stationId\":\"dongguan\","
                + "\"giver\":\"东城街道\",\"kind\":\"FUNDS\",\"description\":\"棉被\",\"amount\":60000.10,\"currency\":\"CNY\"}}";

        EventEnvelope read = codec.readEnvelope(v1);

        assertThat(read.schemaVersion()).isEqualTo(2);
        SupportGiven line = read.payloadAs(SupportGiven.class);
        assertThat(line.amountFen()).isEqualTo(6_000_010L);
        assertThat(line.amountInYuan()).isEqualByComparingTo("60000.10");
        assertThat(line.supportId()).isEqualTo(support);
        assertThat(codec.readPayload("outreach.SupportGiven", 2, codec.payloadJson(line)))
                .isEqualTo(line);
    }

    @Test
    void a_version_1_amount_with_more_than_two_decimals_is_unreadable_not_rounded() {
        assertThatThrownBy(() -> codec.readPayload(
                        "outreach.SupportGiven",
                        1,
                        "{\"partnerId\":\"p\",\"kind\":\"FUNDS\",\"amount\":1.005,\"currency\":\"CNY\"}"))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_missing_upcaster_is_an_error_not_silent_data_loss() {
        assertThatThrownBy(() -> codec.readPayload("intake.IdentityConfirmed", 0, "{}"))
                .hasMessageContaining("No upcaster");
    }

    private EventEnvelope envelope(DomainEvent payload) {
        OffsetDateTime at = OffsetDateTime.of(2018, 3, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                EventTypes.currentVersion(payload.getClass()),
                "test",
                "s-1",
                3,
                at,
                at.plusDays(2),
                new Actor("staff-7", "STATION_STAFF", null),
                UUID.randomUUID(),
                null,
                payload);
    }

    /** Builds a payload with a value in every field, so a field that does not round-trip shows. */
    private static DomainEvent sample(Class<? extends DomainEvent> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    /** A value record inside an event (a list of marks), filled the same way. */
    private static Object sampleRecord(Class<?> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = sampleValue(components[i]);
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sampleValue(RecordComponent component) {
        Class<?> t = component.getType();
        if (t == UUID.class) return UUID.randomUUID();
        if (t == String.class) return component.getName() + "-值";
        if (t == boolean.class || t == Boolean.class) return true;
        if (t == int.class || t == Integer.class) return 42;
        if (t == long.class || t == Long.class) return 6_250_000L;
        if (t == BigDecimal.class) return new BigDecimal("2460.5");
        if (t == LocalDate.class) return LocalDate.of(2018, 2, 28);
        if (t.isEnum()) return t.getEnumConstants()[t.getEnumConstants().length - 1];
        if (t == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            if (element.isRecord()) {
                return List.of(sampleRecord(element));
            }
            if (element == UUID.class) { // ids of records, e.g. the stays a merge lists
                return List.of(
                        UUID.fromString("00000000-0000-0000-0000-000000000001"),
                        UUID.fromString("00000000-0000-0000-0000-000000000002"));
            }
            return element.isEnum() ? List.of(element.getEnumConstants()[0]) : List.of("村委会", "派出所");
        }
        throw new IllegalStateException("No sample for " + t + " in " + component);
    }
}
