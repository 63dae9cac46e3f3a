package org.homeward.platform.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.messaging.ConsumedChannels;
import org.homeward.platform.messaging.RecordConsumer;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * The records this service's consumers gave up on, read from its dead-letter topics. The
 * connector stores why in the record headers (dead-letter-reason, -cause, -topic, -partition,
 * -offset); a replay hands the record back to the consumer of the topic it came from, which applies
 * it at most once (by event id), and is recorded so the same dead letter is not replayed twice.
 */
@ApplicationScoped
public class DeadLetters {
    public record DeadLetter(
            String topic,
            int partition,
            long offset,
            Instant deadAt,
            String sourceTopic,
            Integer sourcePartition,
            Long sourceOffset,
            String reason,
            String cause,
            UUID eventId,
            String eventType,
            String streamId,
            Instant replayedAt,
            String replayedBy,
            String record) {}

    public record Replayed(String topic, int partition, long offset, UUID eventId, boolean applied) {}

    private final ConsumedChannels channels;
    private final EventSourcing sourcing;

    public DeadLetters(ConsumedChannels channels, EventSourcing sourcing) {
        this.channels = channels;
        this.sourcing = sourcing;
    }

    /** Every dead letter of every dead-letter topic of this service, oldest first, without the record itself. */
    public List<DeadLetter> list() {
        List<DeadLetter> all = new ArrayList<>();
        Map<String, Replay> replays = replays();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (String topic : channels.deadLetterTopics()) {
                for (ConsumerRecord<String, String> r : readAll(consumer, topic)) {
                    all.add(describe(r, replays.get(key(r.topic(), r.partition(), r.offset())), false));
                }
            }
        }
        return all;
    }

    /** Dead letters not replayed yet: what the dead-letter metric counts. */
    public long pending() {
        return list().stream().filter(d -> d.replayedAt() == null).count();
    }

    public DeadLetter get(String topic, int partition, long offset) {
        requireOwn(topic);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return describe(
                    readOne(consumer, topic, partition, offset), replays().get(key(topic, partition, offset)), true);
        }
    }

    public Replayed replay(String topic, int partition, long offset, String by) {
        requireOwn(topic);
        ConsumerRecord<String, String> record;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            record = readOne(consumer, topic, partition, offset);
        }
        if (replays().containsKey(key(topic, partition, offset))) {
            throw HomewardException.conflict("Dead letter " + key(topic, partition, offset) + " was replayed already");
        }
        String source = header(record, "dead-letter-topic");
        ConsumedChannels.Channel channel = channels.byTopic(source == null ? "" : source)
                .orElseThrow(() -> HomewardException.rule("topic", "No consumer here reads " + source));
        RecordConsumer consumer = channels.consumerOf(channel.name())
                .orElseThrow(() -> HomewardException.rule("topic", "No consumer here reads channel " + channel.name()));
        Optional<EventEnvelope> event = envelope(record.value());
        boolean before = event.isPresent()
                && applied(consumer, channel.name(), event.get().eventId());
        try {
            consumer.accept(channel.name(), record.value());
        } catch (RuntimeException e) {
            throw HomewardException.rule("record", "The record still cannot be applied: " + e.getMessage());
        }
        sourcing.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO dead_letter_replay (topic, partition, record_offset, event_id, "
                        + "replayed_by) VALUES (?, ?, ?, ?, ?)",
                topic,
                partition,
                offset,
                event.map(EventEnvelope::eventId).orElse(null),
                by));
        return new Replayed(
                topic, partition, offset, event.map(EventEnvelope::eventId).orElse(null), !before);
    }

    private boolean applied(RecordConsumer consumer, String channel, UUID eventId) {
        return sourcing.inTransaction(
                c -> consumer.applied(c, channel, List.of(eventId)).contains(eventId));
    }

    private void requireOwn(String topic) {
        if (!channels.deadLetterTopics().contains(topic)) {
            throw HomewardException.notFound("Dead-letter topic", topic);
        }
    }

    private DeadLetter describe(ConsumerRecord<String, String> r, Replay replay, boolean withRecord) {
        Optional<EventEnvelope> event = envelope(r.value());
        return new DeadLetter(
                r.topic(),
                r.partition(),
                r.offset(),
                Instant.ofEpochMilli(r.timestamp()),
                header(r, "dead-letter-topic"),
                integer(header(r, "dead-letter-partition")),
                longValue(header(r, "dead-letter-offset")),
                header(r, "dead-letter-reason"),
                header(r, "dead-letter-cause"),
                event.map(EventEnvelope::eventId).orElse(null),
                event.map(EventEnvelope::eventType).orElse(null),
                event.map(EventEnvelope::streamId).orElse(r.key()),
                replay == null ? null : replay.at(),
                replay == null ? null : replay.by(),
                withRecord ? r.value() : null);
    }

    private Optional<EventEnvelope> envelope(String value) {
        try {
            return Optional.of(sourcing.store().codec().readEnvelope(value));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private record Replay(Instant at, String by) {}

    private Map<String, Replay> replays() {
        return sourcing.inTransaction(c -> {
            Map<String, Replay> done = new HashMap<>();
            try (var ps = c.prepareStatement(
                            "SELECT topic, partition, record_offset, replayed_at, replayed_by FROM dead_letter_replay");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.put(
                            key(rs.getString(1), rs.getInt(2), rs.getLong(3)),
                            new Replay(rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
            return done;
        });
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, channels.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaConsumer<>(p);
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
        } catch (RuntimeException noTopicYet) {
            return List.of();
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static ConsumerRecord<String, String> readOne(
            KafkaConsumer<String, String> consumer, String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        Long end = consumer.endOffsets(List.of(tp)).get(tp);
        if (offset < 0 || end == null || offset >= end) {
            throw HomewardException.notFound("Dead letter", topic + "/" + partition + "/" + offset);
        }
        consumer.seek(tp, offset);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() == offset) {
                    return r;
                }
            }
        }
        throw HomewardException.notFound("Dead letter", topic + "/" + partition + "/" + offset);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
