package org.homeward.eventstore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.personal.DataKey;
import org.homeward.events.personal.Keyring;
import org.homeward.testsupport.TestDatabases;

/**
 * The event store beside raw JDBC in one JVM, on a database of its own ({@code homeward_store_bench},
 * dropped and recreated): appending 1 event per transaction at 1, 4 and 16 threads, 10 events per
 * transaction, and replaying the log in commit order. Each figure is the median of 3 rounds; raw and
 * store alternate within a round so both see the same machine. Prints a table; asserts nothing.
 * <p>
 * Raw JDBC writes the same row (same columns, the same JSON text, a fresh UUID) with one plain
 * {@code INSERT} per event (a JDBC batch for 10) and commits; the raw cursor reads the same rows in
 * the same commit order with each column's natural getter and decodes no JSON. The store does what
 * a service does: serializes the domain event, appends at the expected version of a stream it owns,
 * and on replay hands over decoded envelopes.
 * <p>
 * Run: {@code ./homeward store-bench [seconds-per-run]} (PostgreSQL at HOMEWARD_PG only).
 */
public final class EventStoreBenchmark {
    static final String DATABASE = "homeward_store_bench";
    static final OffsetDateTime OCCURRED = OffsetDateTime.of(2018, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    static final int ROUNDS = 3;

    final String url;
    final EventStore store;
    /** The same store with the fragment's value sealed (ADR 33), keys from memory as a service's warmed key cache. */
    final EventStore sealedStore;

    final EventCodec codec = new EventCodec();
    final Metadata meta = Metadata.of(new Actor("staff-1", "STATION_STAFF", null));
    final String actorJson;
    final double seconds;

    EventStoreBenchmark(double seconds) throws Exception {
        this.seconds = seconds;
        this.url = TestDatabases.fresh(DATABASE);
        EventStoreFixture.DriverManagerDataSource ds =
                new EventStoreFixture.DriverManagerDataSource(url, TestDatabases.user());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        this.store = new EventStore(new Transactions(ds), codec);
        this.sealedStore = new EventStore(new Transactions(ds), EventCodec.withKeys(new MemoryKeys()));
        this.actorJson = codec.mapper().writeValueAsString(meta.actor());
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        new EventStoreBenchmark(seconds).run();
    }

    void run() throws Exception {
        System.out.printf(
                "Event store beside raw JDBC, PostgreSQL %s, %d cores, %.0f s per run, median of %d rounds%n%n",
                TestDatabases.hostPort(), Runtime.getRuntime().availableProcessors(), seconds, ROUNDS);
        // Warm-up: JIT, prepared statements, the table's first pages.
        appendRate(null, 4, 1, Math.min(seconds, 2));
        appendRate(store, 4, 1, Math.min(seconds, 2));
        List<String[]> table = new ArrayList<>();
        for (int[] shape : new int[][] {{1, 1}, {4, 1}, {16, 1}, {1, 10}, {4, 10}}) {
            int threads = shape[0];
            int perTx = shape[1];
            double[] raw = new double[ROUNDS];
            double[] lib = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                raw[r] = appendRate(null, threads, perTx, seconds);
                lib[r] = appendRate(store, threads, perTx, seconds);
            }
            table.add(row(
                    "append " + perTx + " event" + (perTx == 1 ? "" : "s") + " per tx", threads, raw, lib, "events/s"));
        }
        vacuum();
        long rows = count();
        double[] raw = new double[ROUNDS];
        double[] lib = new double[ROUNDS];
        replayRate(false); // warm-up
        replayRate(true);
        int decoders = Runtime.getRuntime().availableProcessors();
        for (int r = 0; r < ROUNDS; r++) {
            raw[r] = replayRate(false);
            lib[r] = replayRate(true);
        }
        table.add(row(String.format("replay %,d events in commit order", rows), 1, raw, lib, "events/s"));

        System.out.println("| measurement | threads | raw JDBC events/s | event store events/s | store / raw |");
        System.out.println("|---|---|---|---|---|");
        table.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
        sealingCost();
        System.out.printf(
                "%nRaw: plain INSERT per event (JDBC batch for 10) and commit; replay raw: a cursor over the "
                        + "same rows and order, no JSON decoded. Store: EventStore.append at the expected version; "
                        + "LogReader.replay with %d decoder threads.%n",
                decoders);
    }

    /**
     * What sealing personal values costs (ADR 33): appends of the same personal event with and without its
     * value sealed, and the codec alone (write and read one event) without the database.
     */
    void sealingCost() throws Exception {
        List<String[]> table = new ArrayList<>();
        for (int[] shape : new int[][] {{1, 1}, {4, 1}, {1, 10}}) {
            double[] clear = new double[ROUNDS];
            double[] sealed = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                clear[r] = appendRate(store, shape[0], shape[1], seconds);
                sealed[r] = appendRate(sealedStore, shape[0], shape[1], seconds);
            }
            table.add(row("append " + shape[1] + " per tx", shape[0], clear, sealed, "events/s"));
        }
        double[] clear = new double[ROUNDS];
        double[] sealed = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            clear[r] = codecRate(store.codec(), seconds);
            sealed[r] = codecRate(sealedStore.codec(), seconds);
        }
        table.add(row("codec only: write + read one event", 1, clear, sealed, "events/s"));
        System.out.println();
        System.out.println("| personal values | threads | clear events/s | sealed events/s | sealed / clear |");
        System.out.println("|---|---|---|---|---|");
        table.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
        System.out.println("\nSealed: the fragment's value under AES-256-GCM with the person's key (from memory, as a "
                + "service's key cache holds it; a person's first event also makes and stores the key).");
    }

    /** Events per second written and read back by {@code codec} in one thread, without the database. */
    static double codecRate(EventCodec codec, double seconds) {
        IdentityFragmentRecorded event = fragment(UUID.randomUUID());
        long n = 0;
        long started = System.nanoTime();
        long until = started + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100; i++) {
                codec.readPayload("intake.IdentityFragmentRecorded", 1, codec.payloadJson(event));
            }
            n += 100;
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    /** Data keys in memory, one per person. */
    static final class MemoryKeys implements Keyring {
        private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

        @Override
        public boolean seals() {
            return true;
        }

        @Override
        public Optional<DataKey> sealing(UUID subject) {
            return Optional.of(new DataKey(DataKey.id("bench", subject, 1), keys.computeIfAbsent(subject, s -> {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                return new SecretKeySpec(k, "AES");
            })));
        }

        @Override
        public Optional<SecretKey> opening(String keyId) {
            return Optional.ofNullable(keys.get(DataKey.subject(keyId)));
        }
    }

    private static String[] row(String what, int threads, double[] raw, double[] lib, String unit) {
        double r = median(raw);
        double l = median(lib);
        return new String[] {
            what,
            Integer.toString(threads),
            String.format("%,.0f", r),
            String.format("%,.0f", l),
            String.format("%.2f", l / r)
        };
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Events per second appended by {@code threads} threads, each on its own connection and stream. */
    double appendRate(EventStore viaStore, int threads, int perTx, double seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong events = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, TestDatabases.user(), "")) {
                    c.setAutoCommit(false);
                    UUID person = UUID.randomUUID();
                    StreamId stream = StreamId.of("person", person);
                    long version = 0;
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        if (viaStore != null) {
                            List<NewEvent> batch = new ArrayList<>(perTx);
                            for (int i = 0; i < perTx; i++) {
                                batch.add(new NewEvent(fragment(person), OCCURRED));
                            }
                            viaStore.append(c, stream, version, batch, meta);
                        } else {
                            rawInsert(c, stream, version, perTx);
                        }
                        c.commit();
                        version += perTx;
                        events.addAndGet(perTx);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                    ready.countDown();
                }
            });
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long started = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        long done = events.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.get(0));
        }
        return done / elapsed;
    }

    private void rawInsert(Connection c, StreamId stream, long version, int perTx) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_store (event_id, event_type, schema_version, "
                + "stream_type, stream_id, stream_version, occurred_at, actor, correlation_id, causation_id, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)")) {
            for (int i = 0; i < perTx; i++) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, "intake.IdentityFragmentRecorded");
                ps.setInt(3, 1);
                ps.setString(4, stream.type());
                ps.setString(5, stream.id());
                ps.setLong(6, version + 1 + i);
                ps.setObject(7, OCCURRED);
                ps.setString(8, actorJson);
                ps.setObject(9, meta.correlationId(), Types.OTHER);
                ps.setObject(10, meta.causationId(), Types.OTHER);
                ps.setString(11, RAW_PAYLOAD);
                if (perTx == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (perTx > 1) {
                ps.executeBatch();
            }
        }
    }

    static final UUID FRAGMENT = UUID.fromString("5f0c1d9e-8a4b-4a57-9a0e-3f1a2b3c4d5e");
    static final String RAW_PAYLOAD = new EventCodec().payloadJson(fragment(FRAGMENT));

    static IdentityFragmentRecorded fragment(UUID person) {
        return new IdentityFragmentRecorded(
                person, FRAGMENT, FragmentKind.NICKNAME, "小名阿强，说湖南邵阳口音", FragmentSource.STAFF, "staff-1");
    }

    /** Events per second read in commit order from the start of the log. */
    double replayRate(boolean viaStore) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.user(), "")) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            long[] seen = {0};
            if (viaStore) {
                new LogReader(store)
                        .replay(c, LogPosition.START, Runtime.getRuntime().availableProcessors(), e -> seen[0]++);
            } else {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT tx_id::text AS tx, position, " + EventStore.COLUMNS
                                + " FROM event_store WHERE (tx_id, position) > ('0'::xid8, 0) "
                                + "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) " + LogReader.ORDER)) {
                    ps.setFetchSize(1024);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            EventStore.StoredRow.read(rs);
                            seen[0]++;
                        }
                    }
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            c.commit();
            return seen[0] / elapsed;
        }
    }

    private long count() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM event_store")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void vacuum() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.user(), "");
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE event_store");
        }
    }
}
