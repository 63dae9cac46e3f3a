package org.homeward.eventstore;

import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;

/**
 * The {@link EventStore}'s load and append on the reactive PostgreSQL client (Vert.x {@link SqlClient}):
 * the same statements, so the same guarantees — one multi-row INSERT per append whose unique
 * (stream, version) constraint is the concurrency check, the {@code WHERE EXISTS} probe against
 * gaps, and {@code tx_id} filled by the column's default {@code pg_current_xact_id()} for the
 * commit-order reading of ADR 2. The caller gives the connection of its transaction (e.g. from
 * {@code Pool.withTransaction}), so read models and the idempotent answer commit with the events.
 */
public final class ReactiveEventStore {
    private static final String LOAD = numbered("SELECT " + EventStore.COLUMNS
            + " FROM event_store WHERE stream_type = ? AND stream_id = ? ORDER BY stream_version");
    private static final String CURRENT_VERSION = numbered(
            "SELECT coalesce(max(stream_version), 0) FROM event_store WHERE stream_type = ? AND stream_id = ?");
    private static final ConcurrentMap<Integer, String> APPEND_SQL = new ConcurrentHashMap<>();

    private final EventStore store;

    /** Serializes and decodes as {@code store} does (its codec, its upcasters, its keys). */
    public ReactiveEventStore(EventStore store) {
        this.store = store;
    }

    public Future<LoadedStream> load(SqlClient c, StreamId stream) {
        return c.preparedQuery(LOAD)
                .execute(Tuple.of(stream.type(), stream.id()))
                .map(rows -> {
                    List<EventEnvelope> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(store.decode(storedRow(row)));
                    }
                    long version =
                            events.isEmpty() ? 0 : events.get(events.size() - 1).streamVersion();
                    return new LoadedStream(stream, version, events);
                });
    }

    /**
     * Appends {@code events} if the stream is still at {@code expectedVersion} (0 for a new stream);
     * fails with {@link ConcurrencyConflictException} when a concurrent writer got there first or the
     * stream has not reached that version (nothing is inserted then).
     */
    public Future<List<EventEnvelope>> append(
            SqlClient c, StreamId stream, long expectedVersion, List<NewEvent> events, Metadata meta) {
        if (events.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        int[] schemas = new int[n];
        String actor = store.actorJson(meta.actor());
        Tuple values = Tuple.tuple();
        for (int i = 0; i < n; i++) {
            NewEvent event = events.get(i);
            ids[i] = UUID.randomUUID();
            types[i] = EventTypes.nameOf(event.payload());
            schemas[i] = EventTypes.currentVersion(event.payload().getClass());
            values.addUUID(ids[i])
                    .addString(types[i])
                    .addInteger(schemas[i])
                    .addString(stream.type())
                    .addString(stream.id())
                    .addLong(expectedVersion + 1 + i)
                    .addOffsetDateTime(event.occurredAt())
                    .addString(actor)
                    .addUUID(meta.correlationId())
                    .addUUID(meta.causationId())
                    .addString(store.codec().payloadJson(event.payload()));
        }
        boolean existing = expectedVersion > 0;
        if (existing) {
            values.addString(stream.type()).addString(stream.id()).addLong(expectedVersion);
        }
        return c.preparedQuery(appendSql(n, existing))
                .execute(values)
                .recover(failure -> Future.failedFuture(
                        isUniqueViolation(failure)
                                ? new ConcurrencyConflictException(stream, expectedVersion)
                                : failure))
                .compose(rows -> {
                    if (rows.rowCount() != n) { // the stream has not reached expectedVersion: nothing was inserted
                        return currentVersion(c, stream)
                                .compose(current -> Future.failedFuture(
                                        new ConcurrencyConflictException(stream, expectedVersion, current)));
                    }
                    return Future.succeededFuture(
                            envelopes(stream, expectedVersion, events, meta, ids, types, schemas, rows));
                });
    }

    private static List<EventEnvelope> envelopes(
            StreamId stream,
            long expectedVersion,
            List<NewEvent> events,
            Metadata meta,
            UUID[] ids,
            String[] types,
            int[] schemas,
            RowSet<Row> rows) {
        int n = events.size();
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        for (Row row : rows) {
            recordedAt[(int) (row.getLong(0) - expectedVersion - 1)] = row.getOffsetDateTime(1);
        }
        return EventStore.appended(stream, expectedVersion, events, ids, types, schemas, recordedAt, meta);
    }

    private static Future<Long> currentVersion(SqlClient c, StreamId stream) {
        return c.preparedQuery(CURRENT_VERSION)
                .execute(Tuple.of(stream.type(), stream.id()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof DatabaseException e && "23505".equals(e.getSqlState());
    }

    /**
     * The JDBC statement's text with numbered parameters. A jsonb parameter is sent as text and
     * cast by the server: the reactive client would encode a Java string bound to jsonb as a JSON
     * string, not as the document it holds.
     */
    static String appendSql(int n, boolean existingStream) {
        return APPEND_SQL.computeIfAbsent(
                existingStream ? n : -n,
                k -> numbered(EventStore.appendSql(n, existingStream).replace("?::jsonb", "?::text::jsonb")));
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...} (the store's SQL has no other '?'). */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int p = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?') {
                out.append('$').append(++p);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static EventStore.StoredRow storedRow(Row r) {
        return new EventStore.StoredRow(
                null,
                0,
                r.getUUID(0),
                r.getString(1),
                r.getInteger(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                r.getOffsetDateTime(6),
                r.getOffsetDateTime(7),
                r.getString(8),
                r.getUUID(9),
                r.getUUID(10),
                r.getString(11));
    }
}
