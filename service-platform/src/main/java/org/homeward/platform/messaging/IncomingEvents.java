package org.homeward.platform.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.homeward.events.EventEnvelope;
import org.homeward.events.UnknownEventTypeException;
import org.homeward.events.personal.KeysUnavailableException;
import org.homeward.eventstore.ConcurrencyConflictException;
import org.homeward.eventstore.IdempotentConsumer;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;

/**
 * Reads records from other services' topics and applies each at most once.
 * <ul>
 * <li>A record of an event type this build does not know is skipped with a log line.</li>
 * <li>A record that cannot be read, or fails three times while the database is up, is a poison
 * record: it throws, and the channel's dead-letter strategy moves it aside.</li>
 * <li>A failure of the infrastructure (the database unreachable, a connection lost, a serialization
 * or concurrency conflict) is not the record's fault: the consumer waits and tries again, however
 * long it takes, and {@link #waitingSince()} reports it to the health check. The channel's worker
 * is blocked meanwhile, so the connector stops fetching (pauses) once its buffer is full.</li>
 * <li>A poll's records are applied together, in one transaction ({@link #consume(String, KafkaRecordBatch,
 * RecordConsumer)}); if that fails for a reason of a record's own, the poll is applied again one record at a
 * time, so only the bad record is dead-lettered (ADR 44).</li>
 * </ul>
 */
@ApplicationScoped
public class IncomingEvents {
    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    static final int POISON_ATTEMPTS = 3;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final EventSourcing sourcing;
    private volatile Instant waitingSince;
    private volatile String waitingFor;

    public IncomingEvents(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    public Optional<EventEnvelope> read(String record) {
        long backoff = 200;
        while (true) {
            try {
                Optional<EventEnvelope> event = readOnce(record);
                recovered();
                return event;
            } catch (KeysUnavailableException e) { // the owner of a key does not answer: not the record's fault
                if (waitingSince == null) {
                    waitingSince = Instant.now();
                    LOG.warnf("Waiting for a key to open a record's personal values: %s", e.getMessage());
                }
                waitingFor = e.getMessage();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UnreadableRecordException(e);
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private Optional<EventEnvelope> readOnce(String record) {
        try {
            return Optional.of(sourcing.store().codec().readEnvelope(record));
        } catch (KeysUnavailableException e) {
            throw e;
        } catch (UnknownEventTypeException e) {
            LOG.infof("Skipping event of unknown type %s", e.eventType());
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(e);
        }
    }

    /** Applies the record once per {@code consumer}; returns false if it was skipped or seen before. */
    public boolean consume(String consumer, String record, IdempotentConsumer.Handler handler) {
        return consume(consumer, record, type -> false, handler);
    }

    /**
     * As {@link #consume(String, String, IdempotentConsumer.Handler)}, but a record whose event type
     * {@code ignored} accepts is passed over unread, with no transaction and no processed_event row
     * (reconciliation asks {@link RecordConsumer#ignores} too, so it is not counted as drift).
     */
    public boolean consume(
            String consumer, String record, Predicate<String> ignored, IdempotentConsumer.Handler handler) {
        Optional<String> type = sourcing.store().codec().eventTypeOf(record);
        if (type.isPresent() && ignored.test(type.get())) {
            return false;
        }
        Optional<EventEnvelope> event = read(record);
        if (event.isEmpty()) {
            return false;
        }
        IdempotentConsumer once = new IdempotentConsumer(sourcing.store().transactions(), consumer);
        return untilApplied(event.get(), () -> once.handle(event.get(), handler));
    }

    /** Applies {@code events} in one transaction, each once per {@code consumer} (processed_event). */
    public void applyAll(String consumer, List<EventEnvelope> events, IdempotentConsumer.Handler handler) {
        new IdempotentConsumer(sourcing.store().transactions(), consumer).handleAll(events, handler);
    }

    /**
     * Runs {@code work} for {@code event} until it succeeds: waits out infrastructure failures without
     * limit, and gives up (throws) only after {@value #POISON_ATTEMPTS} failures with the database up.
     */
    public <T> T untilApplied(EventEnvelope event, Supplier<T> work) {
        return untilApplied(event.eventType() + " " + event.eventId(), POISON_ATTEMPTS, work);
    }

    private <T> T untilApplied(String what, int attempts, Supplier<T> work) {
        long backoff = 200;
        int recordFailures = 0;
        while (true) {
            try {
                T result = work.get();
                recovered();
                return result;
            } catch (RuntimeException e) {
                if (infrastructure(e) || !databaseReachable()) {
                    waiting(what, e);
                } else if (++recordFailures >= attempts) {
                    recovered();
                    throw e;
                } else {
                    LOG.warnf(
                            "Applying %s failed (attempt %d of %d), retrying: %s",
                            what, recordFailures, attempts, e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /**
     * Applies a poll's records of {@code channel} together: the readable ones of the types {@code consumer}
     * applies go to {@link RecordConsumer#acceptAll} in one transaction, infrastructure failures waited out as
     * for one record. If a record cannot be read, or the transaction fails for a reason of its own with the
     * database up, the poll is applied again one record at a time ({@link RecordConsumer#accept}, each at most
     * once): a record that still fails is nacked on its own, so the channel's failure strategy (its dead-letter
     * topic) takes that record and no other. The poll's offsets are acknowledged only after its records are
     * applied and its dead letters written; a worker stopped meanwhile acknowledges nothing (the records come
     * again, and are applied at most once).
     */
    public CompletionStage<Void> consume(
            String channel, KafkaRecordBatch<String, String> batch, RecordConsumer consumer) {
        List<EventEnvelope> events = new ArrayList<>();
        boolean oneByOne = false;
        for (KafkaRecord<String, String> r : batch) {
            try {
                Optional<String> type = sourcing.store().codec().eventTypeOf(r.getPayload());
                if (type.isPresent() && consumer.ignores(channel, type.get())) {
                    continue;
                }
                read(r.getPayload()).ifPresent(events::add);
            } catch (RuntimeException e) { // unreadable, or a value no reader expects (a tombstone): never the poll's
                // failure, which would nack, and so dead-letter, every record of it
                if (Thread.currentThread().isInterrupted()) {
                    return CompletableFuture.completedFuture(null);
                }
                LOG.infof(
                        "A record of a poll of %d of %s cannot be read (%s); applying them one at a time",
                        batch.getRecords().size(), channel, e.getMessage());
                oneByOne = true;
                break;
            }
        }
        if (!oneByOne && !events.isEmpty()) {
            try {
                untilApplied(events.size() + " records of " + channel, 1, () -> {
                    consumer.acceptAll(channel, events);
                    return null;
                });
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return CompletableFuture.completedFuture(null);
                }
                LOG.infof(
                        "A poll of %d records of %s failed together (%s); applying them one at a time",
                        batch.getRecords().size(), channel, e.getMessage());
                oneByOne = true;
            }
        }
        if (oneByOne) {
            for (KafkaRecord<String, String> r : batch) {
                try {
                    consumer.accept(channel, r.getPayload());
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (!deadLettered(r, e)) {
                        return CompletableFuture.completedFuture(null);
                    }
                }
            }
        }
        return batch.ack();
    }

    /** Hands one record to the channel's failure strategy, waiting while that fails (the broker away). */
    private boolean deadLettered(KafkaRecord<String, String> record, RuntimeException why) {
        long backoff = 200;
        while (true) {
            try {
                record.nack(why).toCompletableFuture().get();
                return true;
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                LOG.warnf(
                        "Could not dead-letter a record of %s/%d (key %s), retrying: %s",
                        record.getTopic(), record.getPartition(), record.getKey(), e.getMessage());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Of {@code eventIds}, those {@code consumer} has recorded as processed (see {@link IdempotentConsumer}). */
    public Set<UUID> processedBy(Connection c, String consumer, Collection<UUID> eventIds) throws SQLException {
        Set<UUID> seen = new HashSet<>();
        try (var ps =
                c.prepareStatement("SELECT event_id FROM processed_event WHERE consumer = ? AND event_id = ANY (?)")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return seen;
    }

    /** When the consumers started waiting for the database, or null while they are not. */
    public Instant waitingSince() {
        return waitingSince;
    }

    public String waitingFor() {
        return waitingFor;
    }

    private void waiting(String what, RuntimeException e) {
        if (waitingSince == null) {
            waitingSince = Instant.now();
            LOG.warnf(
                    "Database unavailable while applying %s; waiting and retrying until it is back: %s",
                    what, e.getMessage());
        }
        waitingFor = e.getMessage();
    }

    private void recovered() {
        if (waitingSince != null) {
            LOG.infof("Database back after %s; consumers resume", Duration.between(waitingSince, Instant.now()));
            waitingSince = null;
            waitingFor = null;
        }
    }

    /**
     * True for failures that say nothing about the record: connection errors (SQLSTATE class 08),
     * the server shutting down or out of resources (57, 53), serialization failures and deadlocks
     * (40), and a stream changed by a concurrent command.
     */
    static boolean infrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyConflictException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08")
                        || state.startsWith("57")
                        || state.startsWith("53")
                        || state.startsWith("40")) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean databaseReachable() {
        try (Connection c = sourcing.store().transactions().dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public static class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(Throwable cause) {
            super("Record cannot be read as a Homeward event: " + cause.getMessage(), cause);
        }
    }
}
