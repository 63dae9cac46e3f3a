package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.junit.jupiter.api.Test;

class IdempotentConsumerTest {

    @Test
    void a_redelivered_event_changes_nothing_and_a_failed_one_can_be_retried() {
        EventStoreFixture db = new EventStoreFixture("homeward_idempotent_test");
        db.store.transactions().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tally (n int)");
                s.execute("INSERT INTO tally VALUES (0)");
            }
            return null;
        });
        IdempotentConsumer consumer = new IdempotentConsumer(db.store.transactions(), "test");
        EventEnvelope event = new EventEnvelope(
                UUID.randomUUID(),
                "intake.IdentityConfirmed",
                1,
                "person",
                "p",
                1,
                OffsetDateTime.now(),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                new IdentityConfirmed(UUID.randomUUID(), "n", "h"));
        IdempotentConsumer.Handler increment = (c, e) -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE tally SET n = n + 1");
            }
        };

        try {
            consumer.handle(event, (c, e) -> {
                increment.apply(c, e);
                throw new IllegalStateException("crash half-way");
            });
        } catch (IllegalStateException expected) {
            // the crash rolled back both the change and the "processed" mark
        }
        assertThat(consumer.handle(event, increment)).isTrue();
        assertThat(consumer.handle(event, increment)).isFalse();
        assertThat(consumer.handle(event, increment)).isFalse();

        int n = db.store.transactions().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT n FROM tally");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(n).isEqualTo(1);
    }

    @Test
    void a_batch_applies_each_new_event_once_in_order_and_a_redelivered_batch_changes_nothing() {
        EventStoreFixture db = new EventStoreFixture("homeward_idempotent_batch_test");
        db.store.transactions().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE seen (n serial, event_id uuid)");
            }
            return null;
        });
        IdempotentConsumer consumer = new IdempotentConsumer(db.store.transactions(), "batch");
        EventEnvelope a = event();
        EventEnvelope b = event();
        EventEnvelope c2 = event();
        IdempotentConsumer.Handler note = (c, e) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO seen (event_id) VALUES (?)")) {
                ps.setObject(1, e.eventId());
                ps.executeUpdate();
            }
        };

        assertThat(consumer.handle(a, note)).isTrue(); // applied alone before
        try {
            consumer.handleAll(List.of(b, c2), (c, e) -> {
                note.apply(c, e);
                if (e == c2) {
                    throw new IllegalStateException("the second fails");
                }
            });
        } catch (IllegalStateException expected) {
            // nothing of the batch stays: neither b's change nor its mark
        }
        assertThat(seen(db)).containsExactly(a.eventId());

        assertThat(consumer.handleAll(List.of(a, b, b, c2), note)).isEqualTo(2);
        assertThat(consumer.handleAll(List.of(a, b, c2), note)).isZero(); // redelivered
        assertThat(seen(db)).containsExactly(a.eventId(), b.eventId(), c2.eventId());
    }

    private static List<UUID> seen(EventStoreFixture db) {
        return db.store.transactions().inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM seen ORDER BY n");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    private static EventEnvelope event() {
        return new EventEnvelope(
                UUID.randomUUID(),
                "intake.IdentityConfirmed",
                1,
                "person",
                "p",
                1,
                OffsetDateTime.now(),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                new IdentityConfirmed(UUID.randomUUID(), "n", "h"));
    }
}
