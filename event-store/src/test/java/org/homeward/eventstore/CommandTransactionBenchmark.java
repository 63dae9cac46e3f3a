package org.homeward.eventstore;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.testsupport.TestDatabases;

/**
 * One command's transaction on JDBC (the services' path today, ADR 3) beside the same transaction
 * on the reactive PostgreSQL client (Vert.x pool, {@link ReactiveEventStore}), beside the raw
 * yardstick (a one-row jsonb INSERT per transaction), at 1, 4 and 16 clients, in one JVM on a
 * database of its own ({@code homeward_tx_bench}). A command's transaction is what a keyed POST
 * does (ADR 7, 11, 28): insert the Idempotency-Key row, load the stream, append one event at the
 * loaded version, upsert its read-model row, store the answer with {@code pg_current_xact_id()},
 * commit. Each client works its own streams (a new one every 20 events, so loads stay short). As in
 * a service, each client's request starts off the database's thread: the JDBC transaction runs on a
 * worker thread (a blocking endpoint), the reactive one is started on an event loop (a reactive
 * endpoint) and the client waits for either to end.
 * Figures: median ops/s of {@value #ROUNDS} rounds (the paths alternate within a round),
 * p50/p99 over all rounds. Prints a table; asserts nothing.
 * <p>
 * Run: {@code ./homeward tx-bench [seconds-per-run]} (PostgreSQL at HOMEWARD_PG only).
 */
public final class CommandTransactionBenchmark {
    static final String DATABASE = "homeward_tx_bench";
    static final int ROUNDS = 3;
    static final int[] CLIENTS = {1, 4, 16};
    static final OffsetDateTime OCCURRED = OffsetDateTime.of(2018, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    static final String KEY_INSERT = "INSERT INTO bench_key (key, request_hash) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static final String VIEW_UPSERT = "INSERT INTO bench_view (stream_id, version, last_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, last_at = EXCLUDED.last_at";
    static final String KEY_ANSWER =
            "UPDATE bench_key SET status = 201, body = ?, tx_id = pg_current_xact_id() WHERE key = ?";
    static final String RAW = "INSERT INTO bench_raw (payload) VALUES (?::jsonb)";
    static final String VALUE = "小名阿强，" + "x".repeat(500);
    static final String RAW_PAYLOAD = "{\"kind\":\"NICKNAME\",\"value\":\"" + VALUE + "\",\"source\":\"STAFF\"}";

    final String url;
    final double seconds;
    final EventStore store = new EventStore(null, new EventCodec());
    final ReactiveEventStore reactive = new ReactiveEventStore(store);
    final Metadata meta = Metadata.of(new Actor("staff-1", "STATION_STAFF", null));
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    /** JDBC work runs on a worker thread, as a REST endpoint's blocking work does (Agroal's 16 connections). */
    final ExecutorService workers = Executors.newFixedThreadPool(16);

    CommandTransactionBenchmark(double seconds) throws Exception {
        this.seconds = seconds;
        this.url = TestDatabases.fresh(DATABASE);
        Flyway.configure()
                .dataSource(new EventStoreFixture.DriverManagerDataSource(url, TestDatabases.user()))
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        try (Connection c = connection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE bench_key (key text PRIMARY KEY, request_hash text, status int, body text, tx_id xid8)");
            s.execute(
                    "CREATE TABLE bench_view (stream_id text PRIMARY KEY, version bigint NOT NULL, last_at timestamptz)");
            s.execute("CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
            c.commit();
        }
        this.pool = ReactiveEventStoreTest.pool(vertx, DATABASE, 16); // the services' pool size
    }

    public static void main(String[] args) throws Exception {
        CommandTransactionBenchmark bench =
                new CommandTransactionBenchmark(args.length > 0 ? Double.parseDouble(args[0]) : 5);
        try {
            bench.run();
        } finally {
            bench.pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            bench.workers.shutdown();
        }
    }

    void run() throws Exception {
        System.out.printf(
                "One command's transaction, JDBC beside reactive: %.0f s a run, %d rounds, %d cores%n%n",
                seconds, ROUNDS, Runtime.getRuntime().availableProcessors());
        System.out.println("| path | clients | tx/s | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|");
        for (int clients : CLIENTS) {
            List<List<Result>> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rounds.add(List.of(
                        timed(clients, this::rawClient),
                        timed(clients, this::jdbcClient),
                        timed(clients, this::reactiveClient),
                        timed(clients, this::jdbcSavepointsClient)));
            }
            String[] names = {
                "PostgreSQL raw: 1-row jsonb INSERT per tx (JDBC)",
                "command tx on JDBC (EventStore)",
                "command tx on the reactive client (ReactiveEventStore)",
                "command tx on JDBC with a savepoint per piece (a keyed POST before ADR 36)"
            };
            for (int path = 0; path < names.length; path++) {
                int p = path;
                row(
                        names[path],
                        clients,
                        Result.merged(rounds.stream().map(r -> r.get(p)).toList()));
            }
        }
    }

    Op rawClient(int client) throws Exception {
        Connection c = connection();
        PreparedStatement insert = c.prepareStatement(RAW);
        return new Op() {
            public void run() throws Exception {
                insert.setString(1, RAW_PAYLOAD);
                insert.executeUpdate();
                c.commit();
            }

            public void close() throws Exception {
                c.close();
            }
        };
    }

    Op jdbcClient(int client) throws Exception {
        return jdbcClient(false);
    }

    /** As a keyed POST ran before ADR 36: the key, the command and the answer each in a savepoint (ADR 11). */
    Op jdbcSavepointsClient(int client) throws Exception {
        return jdbcClient(true);
    }

    Op jdbcClient(boolean savepoints) throws Exception {
        Connection c = connection();
        Streams streams = new Streams();
        Op work = () -> {
            StreamId stream = streams.next();
            String key = UUID.randomUUID().toString();
            Savepoint piece = savepoints ? c.setSavepoint() : null;
            try (PreparedStatement insert = c.prepareStatement(KEY_INSERT)) {
                insert.setString(1, key);
                insert.setString(2, "hash");
                insert.executeUpdate();
            }
            piece = next(c, piece);
            long version = store.load(c, stream).version();
            List<EventEnvelope> appended = store.append(c, stream, version, event(stream), meta);
            try (PreparedStatement view = c.prepareStatement(VIEW_UPSERT)) {
                view.setString(1, stream.id());
                view.setLong(2, appended.get(0).streamVersion());
                view.setObject(3, appended.get(0).occurredAt());
                view.executeUpdate();
            }
            piece = next(c, piece);
            try (PreparedStatement answer = c.prepareStatement(KEY_ANSWER)) {
                answer.setString(1, answer(appended));
                answer.setString(2, key);
                answer.executeUpdate();
            }
            if (piece != null) {
                c.releaseSavepoint(piece);
            }
            c.commit();
        };
        return new Op() {
            public void run() throws Exception {
                CompletableFuture.runAsync(
                                () -> {
                                    try {
                                        work.run();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                },
                                workers)
                        .get(30, TimeUnit.SECONDS);
            }

            public void close() throws Exception {
                c.close();
            }
        };
    }

    Op reactiveClient(int client) {
        String keyInsert = ReactiveEventStore.numbered(KEY_INSERT);
        String viewUpsert = ReactiveEventStore.numbered(VIEW_UPSERT);
        String keyAnswer = ReactiveEventStore.numbered(KEY_ANSWER);
        Streams streams = new Streams();
        Context eventLoop = vertx.getOrCreateContext();
        return () -> {
            StreamId stream = streams.next();
            String key = UUID.randomUUID().toString();
            CompletableFuture<Object> done = new CompletableFuture<>();
            eventLoop.runOnContext(started -> pool.withTransaction((SqlConnection c) -> c.preparedQuery(keyInsert)
                            .execute(Tuple.of(key, "hash"))
                            .compose(inserted -> reactive.load(c, stream))
                            .compose(loaded -> reactive.append(c, stream, loaded.version(), event(stream), meta))
                            .compose(appended -> c.preparedQuery(viewUpsert)
                                    .execute(Tuple.of(
                                            stream.id(),
                                            appended.get(0).streamVersion(),
                                            appended.get(0).occurredAt()))
                                    .compose(viewed ->
                                            c.preparedQuery(keyAnswer).execute(Tuple.of(answer(appended), key)))))
                    .onComplete(ended -> {
                        if (ended.succeeded()) {
                            done.complete(ended.result());
                        } else {
                            done.completeExceptionally(ended.cause());
                        }
                    }));
            done.get(30, TimeUnit.SECONDS);
        };
    }

    /** Ends one piece's savepoint and begins the next one's (none without savepoints). */
    static Savepoint next(Connection c, Savepoint piece) throws SQLException {
        if (piece == null) {
            return null;
        }
        c.releaseSavepoint(piece);
        return c.setSavepoint();
    }

    static String answer(List<EventEnvelope> appended) {
        return "{\"contactId\":\"" + appended.get(0).eventId() + "\"}";
    }

    /** The client's streams: a new one every 20 events. */
    static final class Streams {
        private final String prefix = UUID.randomUUID().toString();
        private long count;

        StreamId next() {
            return new StreamId("person", prefix + "-" + (count++ / 20));
        }
    }

    static List<NewEvent> event(StreamId stream) {
        return List.of(new NewEvent(
                new IdentityFragmentRecorded(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        FragmentKind.NICKNAME,
                        VALUE,
                        FragmentSource.STAFF,
                        "staff-1"),
                OCCURRED));
    }

    Connection connection() throws Exception {
        Connection c = DriverManager.getConnection(url, TestDatabases.user(), "");
        c.setAutoCommit(false);
        return c;
    }

    Result timed(int clients, ClientSetup setup) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ops.add(setup.client(i));
            }
            for (Op op : ops) { // warm: statements prepared, connections open
                for (int i = 0; i < 50; i++) {
                    op.run();
                }
            }
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            List<CompletableFuture<List<Long>>> running = new ArrayList<>();
            for (Op op : ops) {
                running.add(CompletableFuture.supplyAsync(
                        () -> {
                            List<Long> latencies = new ArrayList<>();
                            try {
                                while (System.nanoTime() < deadline) {
                                    long t = System.nanoTime();
                                    op.run();
                                    latencies.add(System.nanoTime() - t);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return latencies;
                        },
                        threads));
            }
            List<Long> all = new ArrayList<>();
            for (CompletableFuture<List<Long>> f : running) {
                all.addAll(f.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (Op op : ops) {
                op.close();
            }
            return new Result(List.of(all.size() / elapsed), all);
        } finally {
            threads.shutdown();
        }
    }

    static void row(String path, int clients, Result r) {
        System.out.printf(
                "| %s | %d | %.0f | %.2f | %.2f |%n", path, clients, r.median(), r.percentile(50), r.percentile(99));
    }

    interface Op {
        void run() throws Exception;

        default void close() throws Exception {}
    }

    @FunctionalInterface
    interface ClientSetup {
        Op client(int index) throws Exception;
    }

    record Result(List<Double> rates, List<Long> latenciesNanos) {
        static Result merged(List<Result> rounds) {
            List<Double> rates = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            for (Result r : rounds) {
                rates.addAll(r.rates());
                latencies.addAll(r.latenciesNanos());
            }
            return new Result(rates, latencies);
        }

        double median() {
            List<Double> sorted = new ArrayList<>(rates);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }

        double percentile(int p) {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
        }
    }
}
