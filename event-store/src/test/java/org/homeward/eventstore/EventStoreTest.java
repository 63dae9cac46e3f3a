package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.homeward.events.outreach.SupportKind;
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

        db.store.append(
                stream,
                0,
                List.of(
                        new NewEvent(fragment(person, "小名阿强"), MARCH),
                        new NewEvent(new IdentityConfirmed(person, "王强", "湖南邵阳"), MARCH.plusDays(3))),
                meta);

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

    /** A row stored before SupportGiven became version 2 (amount in yuan) loads as version 2, in whole fen. */
    @Test
    void a_version_1_event_in_the_store_loads_upcast_to_the_current_version() throws Exception {
        StreamId stream = new StreamId("partner-work", "p-" + UUID.randomUUID());
        UUID support = UUID.randomUUID();
        try (var c = db.dataSource.getConnection();
                var insert = c.prepareStatement("INSERT INTO event_store (event_id, "
                        + "stream_type, stream_id, stream_version, event_type, schema_version, occurred_at, payload) "
                        + "VALUES (?, ?, ?, 1, 'outreach.SupportGiven', 1, ?, ?::jsonb)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, stream.type());
            insert.setString(3, stream.id());
            insert.setObject(4, MARCH);
            insert.setString(
                    5,
                    "{\"partnerId\":\"rangaihuijia\",\"supportId\":\"" + support + "\",\"stationId\":\"dongguan\","
                            + "\"giver\":\"东城街道\",\"kind\":\"SUPPLIES\",\"description\":\"棉被\",\"amount\":60000.50,\"currency\":\"CNY\"}");
            insert.executeUpdate();
        }

        EventEnvelope loaded = db.store.load(stream).events().get(0);

        assertThat(loaded.schemaVersion()).isEqualTo(2);
        assertThat(loaded.payload())
                .isEqualTo(new SupportGiven(
                        "rangaihuijia", support, "dongguan", "东城街道", SupportKind.SUPPLIES, "棉被", 6_000_050L, "CNY"));
        // and an event appended now is stored at version 2
        db.store.append(
                stream,
                1,
                List.of(new NewEvent(
                        new SupportGiven(
                                "rangaihuijia",
                                UUID.randomUUID(),
                                "dongguan",
                                "市民政局",
                                SupportKind.FUNDS,
                                null,
                                1L,
                                "CNY"),
                        MARCH)),
                meta);
        try (var c = db.dataSource.getConnection();
                var read = c.prepareStatement(
                        "SELECT schema_version, payload->>'amountFen' FROM event_store WHERE stream_id = ? AND stream_version = 2")) {
            read.setString(1, stream.id());
            var rs = read.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("1");
        }
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
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger conflicts = new AtomicInteger();
        Runnable appender = () -> {
            try {
                db.store.transactions().inTransaction(c -> {
                    long version = db.store.load(c, stream).version();
                    try {
                        bothRead.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return db.store.append(
                            c, stream, version, List.of(new NewEvent(fragment(person, "x"), MARCH)), meta);
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
    void of_two_writers_at_the_same_expected_version_of_an_existing_stream_exactly_one_wins() throws Exception {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(
                stream,
                0,
                List.of(new NewEvent(fragment(person, "a"), MARCH), new NewEvent(fragment(person, "b"), MARCH)),
                meta);
        CyclicBarrier bothAppended = new CyclicBarrier(2);
        AtomicInteger conflicts = new AtomicInteger();
        List<String> winners = Collections.synchronizedList(new ArrayList<>());
        Function<String, Runnable> writer = name -> () -> {
            try {
                db.store.transactions().inTransaction(c -> {
                    List<NewEvent> three = List.of(
                            new NewEvent(fragment(person, name + 1), MARCH),
                            new NewEvent(fragment(person, name + 2), MARCH),
                            new NewEvent(fragment(person, name + 3), MARCH));
                    try {
                        // Both decided at version 2 before either appends: only the unique constraint tells them apart.
                        bothAppended.await(2, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // proceed: the constraint still decides
                    }
                    db.store.append(c, stream, 2, three, meta);
                    return null;
                });
                winners.add(name);
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
            }
        };
        Thread a = new Thread(writer.apply("A"));
        Thread b = new Thread(writer.apply("B"));
        a.start();
        b.start();
        a.join();
        b.join();

        assertThat(conflicts.get()).isEqualTo(1);
        assertThat(winners).hasSize(1);
        LoadedStream loaded = db.store.load(stream);
        assertThat(loaded.version()).isEqualTo(5);
        assertThat(loaded.events().subList(2, 5))
                .extracting(e -> ((IdentityFragmentRecorded) e.payload()).value())
                .containsExactly(winners.get(0) + 1, winners.get(0) + 2, winners.get(0) + 3);
    }

    @Test
    void appending_beyond_the_end_of_a_stream_is_a_conflict_and_leaves_no_gap() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);

        assertThatThrownBy(() -> db.store.append(stream, 3, List.of(new NewEvent(fragment(person, "b"), MARCH)), meta))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining("at version 1, not 3");
        assertThat(db.store.load(stream).events())
                .extracting(EventEnvelope::streamVersion)
                .containsExactly(1L);
    }

    @Test
    void several_events_go_in_one_append_with_consecutive_versions_and_their_record_times() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);
        List<NewEvent> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(new NewEvent(fragment(person, "n" + i), MARCH.plusHours(i)));
        }

        List<EventEnvelope> appended = db.store.append(stream, 1, ten, meta);

        assertThat(appended)
                .extracting(EventEnvelope::streamVersion)
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(appended).allSatisfy(e -> assertThat(e.recordedAt()).isNotNull());
        LoadedStream loaded = db.store.load(stream);
        assertThat(loaded.events().subList(1, 11))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("recordedAt", "occurredAt")
                .containsExactlyElementsOf(appended);
        assertThat(loaded.events().subList(1, 11))
                .extracting(e -> e.occurredAt().toInstant())
                .containsExactlyElementsOf(
                        ten.stream().map(e -> e.occurredAt().toInstant()).toList());
    }

    @Test
    void the_store_refuses_to_rewrite_history() {
        UUID person = UUID.randomUUID();
        db.store.append(StreamId.of("person", person), 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);

        assertThatThrownBy(() -> db.store.transactions().inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        return s.executeUpdate("DELETE FROM event_store");
                    }
                }))
                .hasMessageContaining("append-only");
    }

    private static IdentityFragmentRecorded fragment(UUID person, String value) {
        return new IdentityFragmentRecorded(
                person, UUID.randomUUID(), FragmentKind.NICKNAME, value, FragmentSource.STAFF, "staff-1");
    }
}
