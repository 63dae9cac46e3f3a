package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.testsupport.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Committed events reach Kafka, in order per stream, even when the broker was away at commit time. */
class OutboxRelayTest {
    // This test takes the broker away, so it has one of its own rather than the build's shared one.
    static LocalKafka kafka;
    final EventCodec codec = new EventCodec();
    final Metadata meta = Metadata.of(Actor.SYSTEM);

    @BeforeAll
    static void broker() {
        kafka = LocalKafka.onFreePorts().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    @Test
    void events_appended_while_the_broker_is_down_all_arrive_in_stream_order_once_it_is_back() {
        EventStoreFixture db = new EventStoreFixture("homeward_outbox_outage_test");
        String topic = "outage-" + UUID.randomUUID();
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        kafka.stop();
        try (OutboxRelay relay = new OutboxRelay(db.store, topic, kafka.bootstrapServers())) {
            relay.start(50);
            for (int round = 1; round <= 20; round++) {
                for (UUID person : persons) {
                    db.store.append(
                            StreamId.of("person", person),
                            round - 1,
                            List.of(new NewEvent(fragment(person, "round " + round), OffsetDateTime.now())),
                            meta);
                }
            }
            assertThat(relay.publishedCount()).isZero();
            kafka.start();

            List<EventEnvelope> received = consumeUntil(topic, 60);
            Map<String, List<Long>> versionsByStream = received.stream()
                    .collect(Collectors.groupingBy(
                            EventEnvelope::streamId,
                            Collectors.mapping(EventEnvelope::streamVersion, Collectors.toList())));
            List<Long> oneToTwenty = LongStream.rangeClosed(1, 20).boxed().toList();
            assertThat(versionsByStream).hasSize(3);
            versionsByStream.values().forEach(versions -> assertThat(versions).isEqualTo(oneToTwenty));
        }
    }

    @Test
    void two_relays_of_one_service_do_not_publish_an_event_twice() {
        EventStoreFixture db = new EventStoreFixture("homeward_outbox_pair_test");
        String topic = "pair-" + UUID.randomUUID();
        try (OutboxRelay first = new OutboxRelay(db.store, topic, kafka.bootstrapServers(), 20, Map.of());
                OutboxRelay second = new OutboxRelay(db.store, topic, kafka.bootstrapServers(), 20, Map.of())) {
            first.start(5);
            second.start(5);
            for (int i = 0; i < 300; i++) {
                UUID person = UUID.randomUUID();
                db.store.append(
                        StreamId.of("person", person),
                        0,
                        List.of(new NewEvent(fragment(person, "n" + i), OffsetDateTime.now())),
                        meta);
            }

            List<EventEnvelope> received = consumeUntil(topic, 300);
            assertThat(received)
                    .extracting(EventEnvelope::eventId)
                    .doesNotHaveDuplicates()
                    .hasSize(300);
            assertThat(first.publishedCount() + second.publishedCount()).isEqualTo(300);
        }
    }

    private List<EventEnvelope> consumeUntil(String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Keyed by partition and offset: a consumer rebalance may hand us a record twice, which
        // is the consumer's business; two different offsets with one event id would be the relay's.
        Map<String, EventEnvelope> received = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope e = codec.readEnvelope(r.value());
                    assertThat(r.key()).isEqualTo(e.streamId());
                    assertThat(header(r, "eventType")).isEqualTo(e.eventType());
                    assertThat(header(r, "schemaVersion")).isEqualTo(Integer.toString(e.schemaVersion()));
                    assertThat(header(r, "eventId")).isEqualTo(e.eventId().toString());
                    assertThat(header(r, "correlationId"))
                            .isEqualTo(e.correlationId().toString());
                    received.put(r.partition() + "@" + r.offset(), e);
                }
                return received.size() >= count;
            });
            // anything more than expected would be a duplicate: give it a moment to show
            consumer.poll(Duration.ofMillis(500))
                    .forEach(r -> received.put(r.partition() + "@" + r.offset(), codec.readEnvelope(r.value())));
        }
        return new ArrayList<>(received.values());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("record header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static IdentityFragmentRecorded fragment(UUID person, String value) {
        return new IdentityFragmentRecorded(
                person, UUID.randomUUID(), FragmentKind.OTHER, value, FragmentSource.STAFF, "s");
    }
}
