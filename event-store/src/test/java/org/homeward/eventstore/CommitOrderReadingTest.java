package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log is read in commit order: no event is skipped or read twice, however commits interleave. */
class CommitOrderReadingTest {
    EventStoreFixture db;
    LogReader reader;
    final Metadata meta = Metadata.of(Actor.SYSTEM);

    @BeforeEach
    void database() {
        db = new EventStoreFixture("homeward_commit_order_test");
        reader = new LogReader(db.store);
    }

    @Test
    void an_event_committed_after_a_later_position_is_not_skipped() throws Exception {
        try (Connection slow = db.dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // A takes the lower position and stays open; B takes the next one and commits first.
            db.store.append(slow, stream(), 0, List.of(event()), meta);
            db.store.append(stream(), 0, List.of(event()), meta);

            long naiveCheckpoint = naiveMaxPositionAfter(0); // a plain "position > last" reader
            List<LogReader.Entry> safe = read(LogPosition.START);
            assertThat(naiveCheckpoint).isEqualTo(2); // it already passed A's position 1
            assertThat(safe).isEmpty(); // the safe reader waits for A

            slow.commit();
        }

        assertThat(naiveMaxPositionAfter(2)).isZero(); // the naive reader lost A for ever
        assertThat(read(LogPosition.START))
                .extracting(e -> e.position().position())
                .containsExactly(1L, 2L);
    }

    @Test
    void a_follower_sees_every_event_exactly_once_under_concurrent_appenders() throws Exception {
        int writers = 8;
        int perWriter = 150;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    db.store.transactions().inTransaction(c -> {
                        db.store.append(c, stream(), 0, List.of(event(), event()), meta);
                        if (ThreadLocalRandom.current().nextInt(4) == 0) {
                            pause(ThreadLocalRandom.current().nextInt(3)); // commit late, out of order
                        }
                        return null;
                    });
                }
                return null;
            }));
        }

        List<UUID> seen = new ArrayList<>();
        LogPosition checkpoint = LogPosition.START;
        int expected = writers * perWriter * 2;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (seen.size() < expected && System.nanoTime() < deadline) {
            List<LogReader.Entry> batch = read(checkpoint);
            for (LogReader.Entry entry : batch) {
                seen.add(entry.event().eventId());
                checkpoint = entry.position();
            }
            if (batch.isEmpty()) {
                Thread.sleep(2);
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Thread.sleep(50);
        seen.addAll(read(checkpoint).stream().map(e -> e.event().eventId()).toList()); // nothing may be left over

        Set<UUID> distinct = new HashSet<>(seen);
        assertThat(distinct).hasSize(seen.size()); // nothing read twice
        assertThat(seen).hasSize(expected); // nothing skipped
        assertThat(distinct).isEqualTo(allEventIds());
    }

    @Test
    void reads_transaction_ids_in_numeric_order_across_a_power_of_ten() {
        // xids 98, 99, 100, 101: sorted as text, 100 and 101 would come first and 98, 99 be skipped.
        List<UUID> written = copiesOfOneEventWithTxIds("98", "99", "100", "101");

        List<UUID> seen = new ArrayList<>();
        LogPosition checkpoint = LogPosition.START;
        for (List<LogReader.Entry> batch = readBatch(checkpoint, 2);
                !batch.isEmpty();
                batch = readBatch(checkpoint, 2)) {
            for (LogReader.Entry entry : batch) {
                seen.add(entry.event().eventId());
                checkpoint = entry.position();
            }
        }
        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void replay_hands_over_every_committed_event_once_in_commit_order_decoded_and_waits_for_open_writers()
            throws Exception {
        List<UUID> written = copiesOfOneEventWithTxIds("98", "99", "100", "101");
        written.addAll(db.store
                .transactions()
                .inTransaction(
                        c -> { // several decoder chunks, one commit
                            List<UUID> ids = new ArrayList<>();
                            for (int i = 0; i < 1_500; i++) {
                                ids.add(db.store
                                        .append(c, stream(), 0, List.of(event()), meta)
                                        .get(0)
                                        .eventId());
                            }
                            return ids;
                        }));
        try (Connection open = db.dataSource.getConnection()) {
            open.setAutoCommit(false);
            db.store.append(
                    open, stream(), 0, List.of(event()), meta); // not committed: not replayed, nor anything after it
            db.store.append(stream(), 0, List.of(event()), meta);

            List<LogReader.Entry> seen = new ArrayList<>();
            LogPosition last =
                    db.store.transactions().inTransaction(c -> reader.replay(c, LogPosition.START, 3, seen::add));

            assertThat(seen).extracting(e -> e.event().eventId()).containsExactlyElementsOf(written);
            assertThat(seen).allSatisfy(e -> assertThat(e.event().payload()).isInstanceOf(IdentityConfirmed.class));
            assertThat(last).isEqualTo(seen.get(seen.size() - 1).position());
            // From a checkpoint on, the rest: the same as the batch reader returns.
            LogPosition middle = seen.get(1_000).position();
            List<UUID> rest = new ArrayList<>();
            db.store
                    .transactions()
                    .inTransaction(c ->
                            reader.replay(c, middle, 2, e -> rest.add(e.event().eventId())));
            assertThat(rest).containsExactlyElementsOf(written.subList(1_001, written.size()));
            open.rollback();
        }
    }

    @Test
    void drains_a_large_backlog_spanning_every_power_of_ten_once_and_in_order_using_the_index() {
        int rows = 200_000;
        long highestTx = Math.min(rows, currentXmin() - 1); // below every running transaction
        UUID original =
                db.store.append(stream(), 0, List.of(event()), meta).get(0).eventId();
        db.store.transactions().inTransaction(c -> {
            try (var s = c.createStatement()) {
                // tx ids 1..highestTx cross 10, 100, 1,000, 10,000 and 100,000; several rows share a tx id.
                s.executeUpdate(
                        "INSERT INTO event_store (tx_id, event_id, stream_type, stream_id, stream_version, event_type, "
                                + "schema_version, occurred_at, actor, payload) SELECT (1 + g % " + highestTx
                                + ")::text::xid8, "
                                + "gen_random_uuid(), stream_type, stream_id || '-' || g, 1, event_type, schema_version, occurred_at, "
                                + "actor, payload FROM event_store, generate_series(1, " + rows
                                + ") g WHERE event_id = '" + original + "'");
                s.execute("ANALYZE event_store");
            }
            return null;
        });
        assertThat(readerPlan()).contains("event_store_commit_order").doesNotContain("Sort");

        List<UUID> seen = new ArrayList<>(rows + 1);
        LogPosition checkpoint = LogPosition.START;
        long started = System.nanoTime();
        for (List<LogReader.Entry> batch = readBatch(checkpoint, 1_000);
                !batch.isEmpty();
                batch = readBatch(checkpoint, 1_000)) {
            for (LogReader.Entry entry : batch) {
                seen.add(entry.event().eventId());
                checkpoint = entry.position();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "CommitOrderReadingTest: drained %,d events in %.1f s (%,.0f events/s, batch 1,000)%n",
                seen.size(), seconds, seen.size() / seconds);
        assertThat(seen).containsExactlyElementsOf(idsInCommitOrder());
    }

    /**
     * Copies of one real event, stamped with the given (old) transaction ids, followed by the original
     * whose own transaction id is the newest: the ids in the order a correct reader returns them.
     */
    private List<UUID> copiesOfOneEventWithTxIds(String... txIds) {
        EventEnvelope original =
                db.store.append(stream(), 0, List.of(event()), meta).get(0);
        return db.store.transactions().inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            for (String tx : txIds) {
                UUID id = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_store (tx_id, event_id, stream_type, "
                        + "stream_id, stream_version, event_type, schema_version, occurred_at, actor, payload) SELECT ?::xid8, "
                        + "?, stream_type, stream_id || ?, 1, event_type, schema_version, occurred_at, actor, payload "
                        + "FROM event_store WHERE event_id = ?")) {
                    ps.setString(1, tx);
                    ps.setObject(2, id);
                    ps.setString(3, "-" + tx);
                    ps.setObject(4, original.eventId());
                    ps.executeUpdate();
                }
                ids.add(id);
            }
            ids.add(original.eventId());
            return ids;
        });
    }

    private List<LogReader.Entry> readBatch(LogPosition after, int limit) {
        return db.store.transactions().inTransaction(c -> reader.readAfter(c, after, limit));
    }

    private long currentXmin() {
        return db.store.transactions().inTransaction(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
                rs.next();
                return Long.parseLong(rs.getString(1));
            }
        });
    }

    private String readerPlan() {
        return db.store.transactions().inTransaction(c -> {
            StringBuilder plan = new StringBuilder();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("EXPLAIN SELECT tx_id::text AS tx, position FROM event_store "
                            + "WHERE (tx_id, position) > ('0'::xid8, 0) AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
                            + LogReader.ORDER + " LIMIT 1000")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        });
    }

    private List<UUID> idsInCommitOrder() {
        return db.store.transactions().inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT event_id FROM event_store ORDER BY tx_id, position")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<LogReader.Entry> read(LogPosition after) {
        return db.store.transactions().inTransaction(c -> reader.readAfter(c, after, 100));
    }

    private long naiveMaxPositionAfter(long last) {
        return db.store.transactions().inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT coalesce(max(position), 0) FROM event_store WHERE position > ?")) {
                ps.setLong(1, last);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private Set<UUID> allEventIds() {
        return db.store.transactions().inTransaction(c -> {
            Set<UUID> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM event_store");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    private static StreamId stream() {
        return StreamId.of("person", UUID.randomUUID());
    }

    private static NewEvent event() {
        return new NewEvent(new IdentityConfirmed(UUID.randomUUID(), "名", "乡"), OffsetDateTime.now());
    }
}
