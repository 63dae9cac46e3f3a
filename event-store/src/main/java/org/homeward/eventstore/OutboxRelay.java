package org.homeward.eventstore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.EventEnvelope;
import org.jboss.logging.Logger;

/**
 * Publishes committed events to Kafka after commit (never a dual write), in commit order, keyed by
 * stream id. The checkpoint row is locked while a batch is sent, so of several instances of a
 * service only one publishes at a time; the checkpoint moves only after Kafka acknowledged the
 * whole batch. If the broker is away, nothing moves and the batch is sent again later: delivery
 * is at least once, and consumers drop repeats by event id.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String READER = "outbox-relay";

    /** What to publish for one committed event: usually the event itself, or a derived feed. */
    @FunctionalInterface
    public interface RecordMapper {
        List<ProducerRecord<String, String>> map(Connection c, EventEnvelope event) throws SQLException;
    }

    private final EventStore store;
    private final LogReader log;
    private final String topic;
    private final String reader;
    private final RecordMapper mapper;
    private final KafkaProducer<String, String> producer;
    private final int batchSize;
    private volatile boolean running;
    private Thread thread;
    private volatile long published;
    private volatile String lastFailure;

    public OutboxRelay(EventStore store, String topic, String bootstrapServers) {
        this(store, topic, bootstrapServers, 500, Map.of());
    }

    public OutboxRelay(
            EventStore store,
            String topic,
            String bootstrapServers,
            int batchSize,
            Map<String, Object> producerOverrides) {
        this(store, READER, topic, bootstrapServers, batchSize, producerOverrides, null);
    }

    /** A relay of its own ({@code reader} names its checkpoint) publishing what {@code mapper} derives. */
    public OutboxRelay(
            EventStore store,
            String reader,
            String topic,
            String bootstrapServers,
            int batchSize,
            Map<String, Object> producerOverrides,
            RecordMapper mapper) {
        this.store = store;
        this.log = new LogReader(store);
        this.topic = topic;
        this.reader = reader;
        this.mapper = mapper != null
                ? mapper
                : (c, e) -> List.of(
                        new ProducerRecord<>(topic, e.streamId(), store.codec().envelopeJson(e)));
        this.batchSize = batchSize;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Fail a batch fast when the broker is away; the relay retries it from the checkpoint.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(producerOverrides);
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * Publishes one batch. Returns how many events were published: 0 when there was nothing to do
     * or another instance holds the relay.
     */
    public int publishBatch() {
        return store.transactions().inTransaction(c -> {
            Optional<LogPosition> checkpoint = log.lockCheckpoint(c, reader);
            if (checkpoint.isEmpty()) {
                return 0;
            }
            List<LogReader.Entry> batch = log.readAfter(c, checkpoint.get(), batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (LogReader.Entry entry : batch) {
                for (ProducerRecord<String, String> record : mapper.map(c, entry.event())) {
                    acks.add(producer.send(withHeaders(record, entry.event())));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                try {
                    ack.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new RelayFailedException(e);
                }
            }
            log.saveCheckpoint(c, reader, batch.get(batch.size() - 1).position());
            published += batch.size();
            return batch.size();
        });
    }

    /**
     * Every record carries what a consumer routes on without parsing the value: eventType,
     * schemaVersion, eventId and correlationId of the event it came from (a derived feed's mapper
     * may have set its own; those are kept).
     */
    static ProducerRecord<String, String> withHeaders(ProducerRecord<String, String> record, EventEnvelope event) {
        header(record, "eventType", event.eventType());
        header(record, "schemaVersion", Integer.toString(event.schemaVersion()));
        header(record, "eventId", event.eventId().toString());
        if (event.correlationId() != null) {
            header(record, "correlationId", event.correlationId().toString());
        }
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (record.headers().lastHeader(name) == null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Runs the relay on a thread of its own until {@link #close()}. */
    public synchronized void start(long idleMillis) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(() -> loop(idleMillis), "outbox-relay-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(long idleMillis) {
        long backoff = idleMillis;
        while (running) {
            try {
                int sent = publishBatch();
                backoff = idleMillis;
                lastFailure = null;
                if (sent < batchSize) {
                    Thread.sleep(idleMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay to %s failed, will retry: %s", topic, e.getMessage());
                lastFailure = e.getMessage();
                backoff = Math.min(backoff * 2 + 100, 5_000);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What is committed but not yet published. */
    public LogReader.Backlog backlog() {
        return store.transactions().inTransaction(c -> log.backlog(c, reader));
    }

    /** The last error, or null once a batch went through again. */
    public String lastFailure() {
        return lastFailure;
    }

    public long publishedCount() {
        return published;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    static class RelayFailedException extends RuntimeException {
        RelayFailedException(Throwable cause) {
            super("Kafka did not acknowledge the batch: " + cause.getMessage(), cause);
        }
    }
}
