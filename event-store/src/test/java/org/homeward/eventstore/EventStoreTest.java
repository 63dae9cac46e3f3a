package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStoreTest {
    static EventStoreFixture db;
    static final OffsetDateTime MARCH = OffsetDateTime.of(2018, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    final Metadata meta = Metadata.of(new Actor("staff-1", "STATION_STAFF", null));

    @BeforeAll
    static void database() {
        db = new EventStoreFixture("homeward_eventstore_test");
    }

    @Test
    void appended_events_load_back_in_order_with_business_and_record_time() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);

        db.store.append(stream, 0, List.of(
                new NewEvent(fragment(person, "小名阿强"), MARCH),
                new NewEvent(new IdentityConfirmed(person, "王强", "湖南邵阳"), MARCH.plusDays(3))), meta);

        LoadedStream loaded = db.store.load(stream);
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.events()).extracting(EventEnvelope::streamVersion).containsExactly(1L, 2L);
        assertThat(loaded.events().get(1).payload()).isEqualTo(new IdentityConfirmed(person, "王强", "湖南邵阳"));
        EventEnvelope first = loaded.events().get(0);
        assertThat(first.occurredAt().toInstant()).isEqualTo(MARCH.toInstant());
        assertThat(first.recordedAt()).isAfter(OffsetDateTime.now().minusMinutes(1));
        assertThat(first.actor()).isEqualTo(meta.actor());
        assertThat(first.eventType()).isEqualTo("intake.IdentityFragmentRecorded");
    }

    @Test
    void appending_at_a_stale_version_is_a_conflict_and_appends_nothing() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);

        assertThatThrownBy(() -> db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "b"), MARCH)), meta))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(db.store.load(stream).version()).isEqualTo(1);
    }

    @Test
    void of_two_concurrent_appenders_at_the_same_version_exactly_one_wins() throws Exception {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        java.util.concurrent.CyclicBarrier bothRead = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
        Runnable appender = () -> {
            try {
                db.store.transactions().inTransaction(c -> {
                    long version = db.store.load(c, stream).version();
                    try {
                        bothRead.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return db.store.append(c, stream, version, List.of(new NewEvent(fragment(person, "x"), MARCH)), meta);
                });
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
            }
        };
        Thread a = new Thread(appender);
        Thread b = new Thread(appender);
        a.start();
        b.start();
        a.join();
        b.join();

        assertThat(conflicts.get()).isEqualTo(1);
        assertThat(db.store.load(stream).version()).isEqualTo(1);
    }

    @Test
    void the_store_refuses_to_rewrite_history() {
        UUID person = UUID.randomUUID();
        db.store.append(StreamId.of("person", person), 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);

        assertThatThrownBy(() -> db.store.transactions().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM event_store");
            }
        })).hasMessageContaining("append-only");
    }

    private static IdentityFragmentRecorded fragment(UUID person, String value) {
        return new IdentityFragmentRecorded(person, UUID.randomUUID(), FragmentKind.NICKNAME, value,
                FragmentSource.STAFF, "staff-1");
    }
}
