package org.homeward.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reactive load and append keep the JDBC store's guarantees, on the same table, readable by either. */
class ReactiveEventStoreTest {
    static final String DATABASE = "homeward_reactive_store_test";
    static final OffsetDateTime MARCH = OffsetDateTime.of(2018, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    static EventStoreFixture db;
    static Vertx vertx;
    static Pool pool;
    static ReactiveEventStore reactive;
    final Metadata meta = Metadata.of(new Actor("staff-1", "STATION_STAFF", null));

    @BeforeAll
    static void database() {
        db = new EventStoreFixture(DATABASE);
        vertx = Vertx.vertx();
        pool = pool(vertx, DATABASE, 4);
        reactive = new ReactiveEventStore(db.store);
    }

    /** A pool on the test database (the JDBC URL without its {@code jdbc:} prefix). */
    static Pool pool(Vertx vertx, String database, int size) {
        PgConnectOptions connect = PgConnectOptions.fromUri(
                        TestDatabases.jdbcUrl(database).substring("jdbc:".length()))
                .setUser(TestDatabases.user())
                .setCachePreparedStatements(true);
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    @AfterAll
    static void close() {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void events_appended_reactively_load_back_through_either_store_as_json_documents() throws Exception {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);

        List<EventEnvelope> appended = await(pool.withTransaction(c -> reactive.append(
                c,
                stream,
                0,
                List.of(
                        new NewEvent(fragment(person, "小名阿强"), MARCH),
                        new NewEvent(new IdentityConfirmed(person, "王强", "湖南邵阳"), MARCH.plusDays(3))),
                meta)));

        assertThat(appended).extracting(EventEnvelope::streamVersion).containsExactly(1L, 2L);
        assertThat(appended.get(0).recordedAt()).isAfter(OffsetDateTime.now().minusMinutes(1));
        LoadedStream byJdbc = db.store.load(stream);
        LoadedStream byReactive = await(pool.withConnection(c -> reactive.load(c, stream)));
        for (LoadedStream loaded : List.of(byJdbc, byReactive)) {
            assertThat(loaded.version()).isEqualTo(2);
            assertThat(loaded.events().get(1).payload()).isEqualTo(new IdentityConfirmed(person, "王强", "湖南邵阳"));
            assertThat(loaded.events().get(0).occurredAt().toInstant()).isEqualTo(MARCH.toInstant());
            assertThat(loaded.events().get(0).actor()).isEqualTo(meta.actor());
            assertThat(loaded.events().get(0).eventId())
                    .isEqualTo(appended.get(0).eventId());
        }
        // stored as documents (not JSON strings holding them), as the JDBC store and every report query expect
        String kinds = await(pool.preparedQuery(
                                "SELECT string_agg(jsonb_typeof(payload) || '/' || jsonb_typeof(actor), ',') "
                                        + "FROM event_store WHERE stream_id = $1")
                        .execute(Tuple.of(stream.id())))
                .iterator()
                .next()
                .getString(0);
        assertThat(kinds).isEqualTo("object/object,object/object");
    }

    /** ADR 2: the log is read in commit order by the appending transaction's id, filled by the column's default. */
    @Test
    void an_append_carries_its_transactions_id_for_the_commit_order_reading() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);

        String[] ids = await(pool.withTransaction(c -> reactive.append(
                        c, stream, 0, List.of(new NewEvent(fragment(person, "x"), MARCH)), meta)
                .compose(appended -> c.preparedQuery("SELECT pg_current_xact_id()::text, "
                                + "(SELECT tx_id::text FROM event_store WHERE stream_id = $1)")
                        .execute(Tuple.of(stream.id())))
                .map(rows -> new String[] {
                    rows.iterator().next().getString(0), rows.iterator().next().getString(1)
                })));

        assertThat(ids[1]).isEqualTo(ids[0]);
        assertThat(db.store.load(stream).version()).isEqualTo(1);
    }

    @Test
    void appending_at_a_stale_version_or_beyond_the_end_is_a_conflict_and_appends_nothing() {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);

        for (long expected : new long[] {0, 3}) {
            assertThatThrownBy(() -> await(pool.withTransaction(c -> reactive.append(
                            c, stream, expected, List.of(new NewEvent(fragment(person, "b"), MARCH)), meta))))
                    .hasCauseInstanceOf(ConcurrencyConflictException.class);
        }

        assertThat(db.store.load(stream).version()).isEqualTo(1);
        assertThat(db.store.load(stream).events()).hasSize(1);
    }

    @Test
    void of_two_concurrent_appenders_at_the_same_version_exactly_one_wins() throws Exception {
        UUID person = UUID.randomUUID();
        StreamId stream = StreamId.of("person", person);
        db.store.append(stream, 0, List.of(new NewEvent(fragment(person, "a"), MARCH)), meta);
        CountDownLatch bothLoaded = new CountDownLatch(2);

        List<Future<List<EventEnvelope>>> writers = List.of("B", "C").stream()
                .map(name -> pool.withTransaction(c -> reactive.load(c, stream)
                        .compose(loaded -> {
                            bothLoaded.countDown();
                            // both decide on version 1 before either appends: only the unique constraint tells them
                            // apart
                            return vertx.executeBlocking(() -> bothLoaded.await(2, TimeUnit.SECONDS))
                                    .map(loaded);
                        })
                        .compose(loaded -> reactive.append(
                                c,
                                stream,
                                loaded.version(),
                                List.of(
                                        new NewEvent(fragment(person, name + 1), MARCH),
                                        new NewEvent(fragment(person, name + 2), MARCH)),
                                meta))))
                .toList();
        Future.join(writers)
                .toCompletionStage()
                .handle((r, e) -> null)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(writers.stream().filter(Future::succeeded)).hasSize(1);
        assertThat(writers.stream().filter(Future::failed).map(Future::cause))
                .singleElement()
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(db.store.load(stream).events()).hasSize(3);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdentityFragmentRecorded fragment(UUID person, String value) {
        return new IdentityFragmentRecorded(
                person, UUID.randomUUID(), FragmentKind.NICKNAME, value, FragmentSource.STAFF, "staff-1");
    }
}
