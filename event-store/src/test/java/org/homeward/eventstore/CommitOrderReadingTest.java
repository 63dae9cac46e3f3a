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
import org.homeward.events.Actor;
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

            long naiveCheckpoint = naiveMaxPositionAfter(0);          // a plain "position > last" reader
            List<LogReader.Entry> safe = read(LogPosition.START);
            assertThat(naiveCheckpoint).isEqualTo(2);                   // it already passed A's position 1
            assertThat(safe).isEmpty();                                 // the safe reader waits for A

            slow.commit();
        }

        assertThat(naiveMaxPositionAfter(2)).isZero();                  // the naive reader lost A for ever
        assertThat(read(LogPosition.START)).extracting(e -> e.position().position()).containsExactly(1L, 2L);
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
        assertThat(distinct).hasSize(seen.size());                     // nothing read twice
        assertThat(seen).hasSize(expected);                            // nothing skipped
        assertThat(distinct).isEqualTo(allEventIds());
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
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(position), 0) FROM event_store WHERE position > ?")) {
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
