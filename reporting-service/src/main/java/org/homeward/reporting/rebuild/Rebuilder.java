package org.homeward.reporting.rebuild;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventEnvelope;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.facts.FactProjector;
import org.homeward.reporting.facts.FactSchemas;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the topics, from the earliest offset, into the schema that is not
 * live; the live one keeps answering until the rebuilt one has caught up, then they switch (ADR 5).
 * <p>
 * Fast and resumable (ADR 29): each poll is applied in one transaction — applied_event marked in one
 * statement, the facts written through a {@link StatementBatcher} (a few multi-row statements per
 * thousand events), the target schema's secondary indexes dropped until the end — and the
 * partitions' offsets move in that same transaction (rebuild_offset). A restart midway finds the
 * partial schema and its offsets and carries on from there; a lost broker or database is waited out.
 * <p>
 * With several instances of the service, the one holding the {@link RebuildLease} runs it; the others
 * refuse a start (409) and look every half minute whether a rebuild was left without its runner (that
 * instance died), and if so take it over from its offsets.
 */
@ApplicationScoped
public class Rebuilder {
    private static final Logger LOG = Logger.getLogger(Rebuilder.class);

    /**
     * {@code done} and {@code total} count records over all partitions; {@code resumedFrom} is how many
     * were already applied when this run began (0 unless it resumed an interrupted rebuild).
     */
    public record Progress(
            String state,
            String target,
            long done,
            long total,
            double eventsPerSecond,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            String error,
            long resumedFrom) {}

    record Range(String topic, int partition, long begin, long next, long end) {
        TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }
    }

    private final EventSourcing sourcing;
    private final FactSchemas schemas;
    private final FactProjector projector;
    private final IncomingEvents incoming;
    private final RebuildLease lease;
    private final RebuildRuns runs;
    private final String bootstrapServers;
    private final List<String> topics;
    private volatile Progress progress = new Progress("IDLE", null, 0, 0, 0, null, null, null, 0);
    private volatile int batchSize = 5_000;
    private volatile int stopAfterBatches = -1;
    private volatile boolean stopRequested;
    private Thread worker;
    private ScheduledExecutorService takeover;

    public Rebuilder(
            EventSourcing sourcing,
            FactSchemas schemas,
            FactProjector projector,
            IncomingEvents incoming,
            RebuildLease lease,
            RebuildRuns runs,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "homeward.topic-prefix") String prefix) {
        this.sourcing = sourcing;
        this.schemas = schemas;
        this.projector = projector;
        this.incoming = incoming;
        this.lease = lease;
        this.runs = runs;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.of(prefix + ".intake", prefix + ".search", prefix + ".outreach");
    }

    public synchronized Progress start() {
        if (running()) {
            throw HomewardException.conflict("A rebuild is already running");
        }
        if (!lease.tryAcquire()) {
            throw HomewardException.conflict("A rebuild is running in another instance of reporting-service");
        }
        try {
            return launch(prepare(), 0);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    /** A fresh target schema and the offsets to read up to: the topics' ends now. */
    private String prepare() {
        schemas.ensureReady();
        List<Range> ranges = currentRanges();
        return sourcing.inTransaction(c -> {
            Sql.one(c, "SELECT 1 FROM projection_state WHERE id = 1 FOR UPDATE", rs -> 1);
            String other = schemas.other(schemas.state(c, false).live());
            schemas.recreate(c, other);
            deferIndexes(c, other);
            Sql.update(c, "DELETE FROM rebuild_offset");
            for (Range r : ranges) {
                Sql.update(
                        c,
                        "INSERT INTO rebuild_offset VALUES (?, ?, ?, ?, ?, ?)",
                        other,
                        r.topic(),
                        r.partition(),
                        r.begin(),
                        r.begin(),
                        r.end());
            }
            Sql.update(c, "UPDATE projection_state SET rebuilding = ? WHERE id = 1", other);
            return other;
        });
    }

    /**
     * Carries on with a rebuild a stopped or crashed process left behind (its offsets and partial
     * schema); run at startup. Empty when there was none.
     */
    public synchronized Optional<Progress> resumeIfInterrupted() {
        if (running()) {
            return Optional.empty();
        }
        Optional<String> target = sourcing.inTransaction(c -> Sql.one(
                c,
                "SELECT rebuilding FROM projection_state WHERE id = 1 AND rebuilding IS NOT NULL "
                        + "AND EXISTS (SELECT 1 FROM rebuild_offset WHERE target = rebuilding)",
                rs -> rs.getString(1)));
        if (target.isEmpty() || !lease.tryAcquire()) { // none left, or its runner is alive in another instance
            return Optional.empty();
        }
        try {
            long applied = ranges(target.get()).stream()
                    .mapToLong(r -> r.next() - r.begin())
                    .sum();
            LOG.infof("Resuming the rebuild into %s after %d records", target.get(), applied);
            makeCurrent(target.get());
            return Optional.of(launch(target.get(), applied));
        } catch (RuntimeException e) { // not running after all: let another instance (or a later check) have it
            lease.release();
            throw e;
        }
    }

    /**
     * A target this instance did not make (one made before an upgrade, by this process before its restart or by
     * another instance) is brought up to this version before the run carries on, so that it is switched to with
     * the current tables, functions and views (ADR 45): its deferred indexes are made again, the schema upgraded
     * (upgrade.sql drops and creates indexes too), and its secondary indexes deferred again.
     */
    private void makeCurrent(String target) {
        sourcing.inTransaction(c -> {
            lease.fence(c);
            if (!schemas.isCurrent(c, target)) {
                LOG.infof("Upgrading the rebuild target %s, made by an older version, before resuming", target);
                restoreDeferredIndexes(c, target);
                schemas.upgrade(c, target);
                deferIndexes(c, target);
            }
            return null;
        });
    }

    /**
     * The rebuild's progress from any instance: this one's own while it runs the rebuild, else what the runner
     * last recorded in the database. A run recorded as RUNNING whose runner holds the lease no more (its
     * process died) reads as STOPPED: it resumes at the next takeover check of some instance.
     */
    public Progress progress() {
        if (running()) {
            return progress;
        }
        Progress recorded = runs.latest().orElse(progress);
        if ("RUNNING".equals(recorded.state()) && !lease.heldAnywhere()) {
            return new Progress(
                    "STOPPED",
                    recorded.target(),
                    recorded.done(),
                    recorded.total(),
                    0,
                    recorded.startedAt(),
                    recorded.finishedAt(),
                    recorded.error(),
                    recorded.resumedFrom());
        }
        return recorded;
    }

    private void publish(Progress p) {
        progress = p;
        runs.record(p);
    }

    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "homeward.rebuild.takeover-check", defaultValue = "30s") Duration every) {
        resumeQuietly();
        takeover = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "projection-rebuild-takeover");
            t.setDaemon(true);
            return t;
        });
        takeover.scheduleWithFixedDelay(this::resumeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resumeQuietly() {
        try {
            resumeIfInterrupted();
        } catch (RuntimeException e) { // the service still answers from the live schema; an admin can start again
            LOG.warnf("Could not resume the interrupted rebuild: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (takeover != null) {
            takeover.shutdownNow();
        }
        stop();
    }

    /** Ends the current run after the batch in flight; what is applied stays, and a later resume carries on. */
    public void stop() {
        Thread running;
        synchronized (this) {
            stopRequested = true;
            running = worker;
        }
        if (running != null) {
            try {
                running.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: records per poll (and so per transaction). */
    void batchSize(int records) {
        this.batchSize = records;
    }

    /** For tests: the next run stops by itself after this many batches, as a process stopped midway would. */
    void stopAfterBatches(int batches) {
        this.stopAfterBatches = batches;
    }

    /** Whether this instance's rebuild thread is alive (it releases the lease last thing before it ends). */
    boolean running() {
        return worker != null && worker.isAlive();
    }

    private Progress launch(String target, long applied) {
        stopRequested = false;
        publish(new Progress(
                "RUNNING", target, applied, progress.total(), 0, OffsetDateTime.now(), null, null, applied));
        worker = new Thread(
                () -> {
                    try {
                        run(target, applied);
                    } finally {
                        lease.release();
                    }
                },
                "projection-rebuild");
        worker.setDaemon(true);
        worker.start();
        return progress;
    }

    private void run(String target, long appliedBefore) {
        long started = System.nanoTime();
        long backoff = 500;
        while (!stopRequested) {
            try {
                if (runUntilCaughtUp(target, appliedBefore, started)) {
                    finish(target, appliedBefore, started);
                } else {
                    stopped(target);
                }
                return;
            } catch (RebuildLease.LostException e) { // another instance may carry on: this run ends, not waits
                LOG.warnf("Rebuild into %s ends here: %s", target, e.getMessage());
                stopped(target);
                return;
            } catch (RuntimeException e) { // broker or database away: wait, then carry on from the offsets
                LOG.warnf("Rebuild into %s is waiting: %s", target, e.getMessage());
                Progress p = progress;
                publish(new Progress(
                        "RUNNING",
                        target,
                        p.done(),
                        p.total(),
                        0,
                        p.startedAt(),
                        null,
                        "waiting: " + e.getMessage(),
                        p.resumedFrom()));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        stopped(target);
    }

    /** True when every partition reached its end offset, false when stopped first. */
    private boolean runUntilCaughtUp(String target, long appliedBefore, long started) {
        List<Range> ranges = ranges(target);
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        long total = 0;
        for (Range r : ranges) {
            next.put(r.topicPartition(), r.next());
            end.put(r.topicPartition(), r.end());
            total += r.end() - r.begin();
        }
        long done = ranges.stream().mapToLong(r -> r.next() - r.begin()).sum();
        publish(new Progress("RUNNING", target, done, total, 0, progress.startedAt(), null, null, appliedBefore));
        int batches = 0;
        try (Fetcher fetcher = new Fetcher(next)) {
            while (!caughtUp(next, end)) {
                if (stopRequested) {
                    return false;
                }
                Polled polled = fetcher.next();
                if (polled == null) {
                    continue;
                }
                apply(target, polled.events(), polled.reached());
                for (Map.Entry<TopicPartition, Long> e : polled.reached().entrySet()) {
                    done += e.getValue() - next.get(e.getKey());
                    next.put(e.getKey(), e.getValue());
                }
                double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
                publish(new Progress(
                        "RUNNING",
                        target,
                        done,
                        total,
                        (done - appliedBefore) / seconds,
                        progress.startedAt(),
                        null,
                        null,
                        appliedBefore));
                if (stopAfterBatches > 0 && ++batches >= stopAfterBatches) {
                    stopAfterBatches = -1;
                    stopRequested = true;
                }
            }
            return true;
        }
    }

    /** One poll's events, decoded, and the offset after its last record in each partition. */
    record Polled(List<EventEnvelope> events, Map<TopicPartition, Long> reached) {}

    /**
     * Polls and decodes on a thread of its own, a poll or two ahead, while the rebuild thread writes:
     * decoding the JSON is as much work as writing the facts, so the two overlap (ADR 29).
     */
    private final class Fetcher implements AutoCloseable {
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
        private final Thread thread;
        private volatile boolean closed;

        Fetcher(Map<TopicPartition, Long> from) {
            Map<TopicPartition, Long> start = new HashMap<>(from);
            thread = new Thread(() -> fetch(start), "projection-rebuild-fetch");
            thread.setDaemon(true);
            thread.start();
        }

        private void fetch(Map<TopicPartition, Long> from) {
            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.assign(from.keySet());
                from.forEach(consumer::seek);
                while (!closed) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    List<EventEnvelope> events = new ArrayList<>(records.count());
                    Map<TopicPartition, Long> reached = new LinkedHashMap<>();
                    for (ConsumerRecord<String, String> r : records) {
                        reached.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                        try {
                            incoming.read(r.value()).ifPresent(events::add);
                        } catch (IncomingEvents.UnreadableRecordException e) {
                            LOG.debugf(
                                    "Rebuild skips an unreadable record at %s-%d@%d",
                                    r.topic(), r.partition(), r.offset());
                        }
                    }
                    hand(new Polled(events, reached));
                }
            } catch (RuntimeException e) {
                hand(e);
            }
        }

        private void hand(Object item) {
            try {
                while (!closed && !ready.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    // the writer is behind: wait for room
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The next poll, or null if none came within half a second; a failure of the fetching thread is thrown here. */
        Polled next() {
            Object item;
            try {
                item = ready.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Rebuild interrupted", e);
            }
            if (item instanceof RuntimeException failure) {
                throw failure;
            }
            if (item == null && !thread.isAlive()) {
                throw new IllegalStateException("The rebuild's fetching thread ended");
            }
            return (Polled) item;
        }

        @Override
        public void close() {
            closed = true;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One poll, one transaction: facts, applied_event and the offsets reached commit together. */
    private void apply(String target, List<EventEnvelope> events, Map<TopicPartition, Long> reached) {
        try {
            applyOnce(target, events, reached, true);
        } catch (Transactions.DataAccessException e) {
            if (!(e.getCause() instanceof SQLException sql) || !"21000".equals(sql.getSQLState())) {
                throw e;
            }
            // Two events of one poll upserted the same row in one multi-row statement: send them one by one.
            applyOnce(target, events, reached, false);
        }
    }

    private void applyOnce(
            String target, List<EventEnvelope> events, Map<TopicPartition, Long> reached, boolean multiRow) {
        sourcing.store().transactions().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                // Losing the last batches in a crash is harmless: their offsets are lost with them.
                s.execute("SET LOCAL synchronous_commit TO off");
            }
            lease.fence(c);
            FactSchemas.use(c, target);
            Set<UUID> fresh = projector.markApplied(c, events);
            // A stream's events stay in their order: the n-th event of each stream goes in round n.
            List<List<EventEnvelope>> rounds = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (EventEnvelope e : events) {
                if (fresh.remove(e.eventId())) {
                    int round = seen.merge(e.streamType() + "/" + e.streamId(), 1, Integer::sum) - 1;
                    if (round == rounds.size()) {
                        rounds.add(new ArrayList<>());
                    }
                    rounds.get(round).add(e);
                }
            }
            StatementBatcher batcher = new StatementBatcher(c, multiRow);
            for (List<EventEnvelope> round : rounds) {
                for (EventEnvelope e : round) {
                    projector.project(batcher.connection(), e);
                }
                batcher.flush();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rebuild_offset SET next_offset = ? WHERE target = ? AND topic = ? AND partition = ?")) {
                for (Map.Entry<TopicPartition, Long> r : reached.entrySet()) {
                    ps.setLong(1, r.getValue());
                    ps.setString(2, target);
                    ps.setString(3, r.getKey().topic());
                    ps.setInt(4, r.getKey().partition());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private void finish(String target, long appliedBefore, long started) {
        sourcing.inTransaction(c -> {
            lease.fence(c); // switching live is the runner's alone
            restoreDeferredIndexes(c, target);
            for (String table : Sql.list(
                    c, "SELECT tablename FROM pg_tables WHERE schemaname = ?", rs -> rs.getString(1), target)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE " + target + "." + table);
                }
            }
            Sql.update(c, "UPDATE projection_state SET live = ?, rebuilding = NULL WHERE id = 1", target);
            Sql.update(c, "DELETE FROM rebuild_offset WHERE target = ?", target);
            return null;
        });
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
        Progress p = progress;
        publish(new Progress(
                "DONE",
                target,
                p.total(),
                p.total(),
                (p.total() - appliedBefore) / seconds,
                p.startedAt(),
                OffsetDateTime.now(),
                null,
                appliedBefore));
        LOG.infof(
                "Projections rebuilt into %s: %d records (%d this run) in %.1f s, %.0f records/s",
                target, p.total(), p.total() - appliedBefore, seconds, (p.total() - appliedBefore) / seconds);
    }

    private void stopped(String target) {
        Progress p = progress;
        publish(new Progress(
                "STOPPED",
                target,
                p.done(),
                p.total(),
                p.eventsPerSecond(),
                p.startedAt(),
                OffsetDateTime.now(),
                null,
                p.resumedFrom()));
        LOG.infof(
                "Rebuild into %s stopped after %d of %d records; it resumes at the next start",
                target, p.done(), p.total());
    }

    /**
     * Drops the target schema's secondary indexes (not the primary keys and unique ones that
     * ON CONFLICT needs) and keeps their definitions: building an index once at the end is cheaper
     * than keeping it up to date row by row.
     */
    private static void deferIndexes(Connection c, String target) throws SQLException {
        Sql.update(c, "DELETE FROM rebuild_deferred_index");
        List<String[]> indexes = Sql.list(
                c,
                "SELECT ci.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        + "JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ci.relnamespace "
                        + "WHERE n.nspname = ? AND NOT i.indisprimary AND NOT i.indisunique",
                rs -> new String[] {rs.getString(1), rs.getString(2)},
                target);
        for (String[] index : indexes) {
            Sql.update(c, "INSERT INTO rebuild_deferred_index VALUES (?, ?, ?)", target, index[0], index[1]);
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX " + target + "." + index[0]);
            }
        }
    }

    /** Creates the target's deferred indexes again, as they were defined, and forgets them. */
    private static void restoreDeferredIndexes(Connection c, String target) throws SQLException {
        for (String definition : Sql.list(
                c, "SELECT definition FROM rebuild_deferred_index WHERE target = ?", rs -> rs.getString(1), target)) {
            try (Statement s = c.createStatement()) {
                s.execute(definition);
            }
        }
        Sql.update(c, "DELETE FROM rebuild_deferred_index WHERE target = ?", target);
    }

    private List<Range> ranges(String target) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT topic, partition, begin_offset, next_offset, end_offset "
                        + "FROM rebuild_offset WHERE target = ? ORDER BY topic, partition",
                rs -> new Range(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                target));
    }

    /** Every partition of the three topics, from its earliest offset to its end now. */
    private List<Range> currentRanges() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            List<Range> ranges = new ArrayList<>();
            for (TopicPartition p : partitions) {
                ranges.add(new Range(p.topic(), p.partition(), begin.get(p), begin.get(p), end.get(p)));
            }
            return ranges;
        }
    }

    private static boolean caughtUp(Map<TopicPartition, Long> next, Map<TopicPartition, Long> end) {
        return next.entrySet().stream().allMatch(e -> e.getValue() >= end.get(e.getKey()));
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    Optional<String> liveSchema() {
        return Optional.of(sourcing.inTransaction(c -> schemas.state(c, false).live()));
    }
}
