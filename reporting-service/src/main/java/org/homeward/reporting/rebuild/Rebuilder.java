package org.homeward.reporting.rebuild;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.facts.FactProjector;
import org.homeward.reporting.facts.FactSchemas;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the topics, from the earliest offset, into the schema that is not
 * live; the live one keeps answering until the rebuilt one has caught up, then they switch.
 */
@ApplicationScoped
public class Rebuilder {
    private static final Logger LOG = Logger.getLogger(Rebuilder.class);

    public record Progress(String state, String target, long done, long total, double eventsPerSecond,
                           OffsetDateTime startedAt, OffsetDateTime finishedAt, String error) {
    }

    private final EventSourcing sourcing;
    private final FactSchemas schemas;
    private final FactProjector projector;
    private final IncomingEvents incoming;
    private final String bootstrapServers;
    private final List<String> topics;
    private volatile Progress progress = new Progress("IDLE", null, 0, 0, 0, null, null, null);

    public Rebuilder(EventSourcing sourcing, FactSchemas schemas, FactProjector projector, IncomingEvents incoming,
                     @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                     @ConfigProperty(name = "homeward.topic-prefix") String prefix) {
        this.sourcing = sourcing;
        this.schemas = schemas;
        this.projector = projector;
        this.incoming = incoming;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.of(prefix + ".intake", prefix + ".search", prefix + ".outreach");
    }

    public synchronized Progress start() {
        if ("RUNNING".equals(progress.state())) {
            throw HomewardException.conflict("A rebuild is already running");
        }
        schemas.ensureReady();
        String target = sourcing.inTransaction(c -> {
            Sql.one(c, "SELECT 1 FROM projection_state WHERE id = 1 FOR UPDATE", rs -> 1);
            String other = schemas.other(schemas.state(c, false).live());
            schemas.recreate(c, other);
            Sql.update(c, "UPDATE projection_state SET rebuilding = ? WHERE id = 1", other);
            return other;
        });
        progress = new Progress("RUNNING", target, 0, 0, 0, OffsetDateTime.now(), null, null);
        Thread worker = new Thread(() -> run(target), "projection-rebuild");
        worker.setDaemon(true);
        worker.start();
        return progress;
    }

    public Progress progress() {
        return progress;
    }

    private void run(String target) {
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            long done = 0;
            while (!caughtUp(consumer, partitions, end)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                List<EventEnvelope> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : records) {
                    try {
                        incoming.read(r.value()).ifPresent(batch::add);
                    } catch (IncomingEvents.UnreadableRecordException e) {
                        LOG.debugf("Rebuild skips an unreadable record at %s-%d@%d", r.topic(), r.partition(), r.offset());
                    }
                }
                sourcing.inTransaction(c -> {
                    FactSchemas.use(c, target);
                    for (EventEnvelope e : batch) {
                        projector.apply(c, e);
                    }
                    return null;
                });
                done += records.count();
                double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
                progress = new Progress("RUNNING", target, done, total, done / seconds, progress.startedAt(), null, null);
            }
            sourcing.inTransaction(c -> {
                Sql.update(c, "UPDATE projection_state SET live = ?, rebuilding = NULL WHERE id = 1", target);
                return null;
            });
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
            progress = new Progress("DONE", target, done, total, done / seconds, progress.startedAt(), OffsetDateTime.now(), null);
            LOG.infof("Projections rebuilt into %s from %d records in %.1f s", target, done, seconds);
        } catch (RuntimeException e) {
            LOG.error("Rebuild failed", e);
            sourcing.inTransaction(c -> Sql.update(c, "UPDATE projection_state SET rebuilding = NULL WHERE id = 1"));
            progress = new Progress("FAILED", target, progress.done(), progress.total(), 0, progress.startedAt(),
                    OffsetDateTime.now(), e.getMessage());
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
                                    Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    Optional<String> liveSchema() {
        return Optional.of(sourcing.inTransaction(c -> schemas.state(c, false).live()));
    }
}
