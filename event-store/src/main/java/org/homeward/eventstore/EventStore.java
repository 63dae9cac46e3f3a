package org.homeward.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;

/**
 * Append-only event store in PostgreSQL with optimistic concurrency per stream. Appends run in the
 * caller's transaction, so a service's read model and idempotency record commit with its events.
 */
public final class EventStore {
    static final String COLUMNS = "event_id, event_type, schema_version, stream_type, stream_id, stream_version, "
            + "occurred_at, recorded_at, actor::text, correlation_id, causation_id, payload::text";

    private final Transactions tx;
    private final EventCodec codec;

    public EventStore(Transactions tx, EventCodec codec) {
        this.tx = tx;
        this.codec = codec;
    }

    public Transactions transactions() {
        return tx;
    }

    public EventCodec codec() {
        return codec;
    }

    public LoadedStream load(StreamId stream) {
        return tx.inTransaction(c -> load(c, stream));
    }

    public LoadedStream load(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM event_store WHERE stream_type = ? AND stream_id = ? ORDER BY stream_version")) {
            ps.setString(1, stream.type());
            ps.setString(2, stream.id());
            List<EventEnvelope> events = readAll(ps);
            long version = events.isEmpty() ? 0 : events.get(events.size() - 1).streamVersion();
            return new LoadedStream(stream, version, events);
        }
    }

    /**
     * Appends {@code events} if the stream is still at {@code expectedVersion} (0 for a new stream).
     * A concurrent writer that got there first makes this throw {@link ConcurrencyConflictException}.
     * <p>
     * One statement, one round trip (ADR 28): the events go in one multi-row INSERT, and the unique
     * (stream, version) constraint is the concurrency check — whoever inserts version n+1 first wins,
     * the other gets a unique violation. An expected version beyond the stream's end would otherwise
     * leave a gap, so for an existing stream the INSERT only takes its rows when version
     * {@code expectedVersion} exists (a probe of the same unique index, inside the same statement).
     */
    public List<EventEnvelope> append(
            Connection c, StreamId stream, long expectedVersion, List<NewEvent> events, Metadata meta)
            throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        int[] schemas = new int[n];
        String actor = actorJson(meta.actor());
        try (PreparedStatement ps = c.prepareStatement(appendSql(n, expectedVersion > 0))) {
            int p = 1;
            for (int i = 0; i < n; i++) {
                NewEvent event = events.get(i);
                ids[i] = UUID.randomUUID();
                types[i] = EventTypes.nameOf(event.payload());
                schemas[i] = EventTypes.currentVersion(event.payload().getClass());
                ps.setObject(p++, ids[i]);
                ps.setString(p++, types[i]);
                ps.setInt(p++, schemas[i]);
                ps.setString(p++, stream.type());
                ps.setString(p++, stream.id());
                ps.setLong(p++, expectedVersion + 1 + i);
                ps.setObject(p++, event.occurredAt());
                ps.setString(p++, actor);
                ps.setObject(p++, meta.correlationId(), Types.OTHER);
                ps.setObject(p++, meta.causationId(), Types.OTHER);
                ps.setString(p++, codec.payloadJson(event.payload()));
            }
            if (expectedVersion > 0) {
                ps.setString(p++, stream.type());
                ps.setString(p++, stream.id());
                ps.setLong(p, expectedVersion);
            }
            OffsetDateTime[] recordedAt = new OffsetDateTime[n];
            int inserted = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recordedAt[(int) (rs.getLong(1) - expectedVersion - 1)] = rs.getObject(2, OffsetDateTime.class);
                    inserted++;
                }
            }
            if (inserted != n) { // the stream has not reached expectedVersion: nothing was inserted
                throw new ConcurrencyConflictException(stream, expectedVersion, currentVersion(c, stream));
            }
            return appended(stream, expectedVersion, events, ids, types, schemas, recordedAt, meta);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) { // unique (stream, version): a concurrent append won
                throw new ConcurrencyConflictException(stream, expectedVersion);
            }
            throw e;
        }
    }

    public List<EventEnvelope> append(StreamId stream, long expectedVersion, List<NewEvent> events, Metadata meta) {
        return tx.inTransaction(c -> append(c, stream, expectedVersion, events, meta));
    }

    private static final String INSERT_INTO = "INSERT INTO event_store (event_id, event_type, schema_version, "
            + "stream_type, stream_id, stream_version, occurred_at, actor, correlation_id, causation_id, payload) ";
    private static final String ROW =
            "(?::uuid, ?::text, ?::int, ?::text, ?::text, ?::bigint, ?::timestamptz, ?::jsonb, "
                    + "?::uuid, ?::uuid, ?::jsonb)";
    private static final int CACHED_SQL = 32;
    private static final String[] NEW_STREAM_SQL = new String[CACHED_SQL + 1];
    private static final String[] EXISTING_STREAM_SQL = new String[CACHED_SQL + 1];

    /** The statement for n events; the same text for the same n, so the driver prepares it once per connection. */
    static String appendSql(int n, boolean existingStream) {
        String[] cache = existingStream ? EXISTING_STREAM_SQL : NEW_STREAM_SQL;
        if (n <= CACHED_SQL && cache[n] != null) {
            return cache[n];
        }
        String rows = String.join(", ", Collections.nCopies(n, ROW));
        String sql = existingStream
                ? INSERT_INTO + "SELECT * FROM (VALUES " + rows + ") AS v WHERE EXISTS (SELECT 1 FROM event_store "
                        + "WHERE stream_type = ? AND stream_id = ? AND stream_version = ?) "
                        + "RETURNING stream_version, recorded_at"
                : INSERT_INTO + "VALUES " + rows + " RETURNING stream_version, recorded_at";
        if (n <= CACHED_SQL) {
            cache[n] = sql;
        }
        return sql;
    }

    String actorJson(Actor actor) {
        if (actor == null) {
            return null;
        }
        try {
            return codec.mapper().writeValueAsString(actor);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private long currentVersion(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(stream_version), 0) FROM event_store WHERE stream_type = ? AND stream_id = ?")) {
            ps.setString(1, stream.type());
            ps.setString(2, stream.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<EventEnvelope> readAll(PreparedStatement ps) throws SQLException {
        List<EventEnvelope> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(read(rs, 1));
            }
        }
        return events;
    }

    /** Reads {@link #COLUMNS} starting at column {@code first}. */
    EventEnvelope read(ResultSet rs, int first) throws SQLException {
        return decode(StoredRow.read(rs, null, 0, first));
    }

    /** One row of the log as stored: what the reading thread takes from the cursor, before any JSON is decoded. */
    record StoredRow(
            String txId,
            long position,
            UUID eventId,
            String type,
            int schema,
            String streamType,
            String streamId,
            long version,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            String actor,
            UUID correlation,
            UUID causation,
            String payload) {

        /** Reads {@code tx, position}, then {@link #COLUMNS}. */
        static StoredRow read(ResultSet rs) throws SQLException {
            return read(rs, rs.getString(1), rs.getLong(2), 3);
        }

        static StoredRow read(ResultSet rs, String txId, long position, int first) throws SQLException {
            int i = first;
            return new StoredRow(
                    txId,
                    position,
                    rs.getObject(i++, UUID.class),
                    rs.getString(i++),
                    rs.getInt(i++),
                    rs.getString(i++),
                    rs.getString(i++),
                    rs.getLong(i++),
                    rs.getObject(i++, OffsetDateTime.class),
                    rs.getObject(i++, OffsetDateTime.class),
                    rs.getString(i++),
                    rs.getObject(i++, UUID.class),
                    rs.getObject(i++, UUID.class),
                    rs.getString(i));
        }
    }

    /** Decodes a stored row: actor and payload from JSON, the payload upcast to its current version. */
    EventEnvelope decode(StoredRow row) {
        try {
            return new EventEnvelope(
                    row.eventId(),
                    row.type(),
                    EventTypes.classOf(row.type())
                            .map(EventTypes::currentVersion)
                            .orElse(row.schema()),
                    row.streamType(),
                    row.streamId(),
                    row.version(),
                    row.occurredAt().withOffsetSameInstant(ZoneOffset.UTC),
                    row.recordedAt().withOffsetSameInstant(ZoneOffset.UTC),
                    row.actor() == null ? null : codec.mapper().readValue(row.actor(), Actor.class),
                    row.correlation(),
                    row.causation(),
                    codec.readPayload(row.type(), row.schema(), row.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable actor in event " + row.eventId(), e);
        }
    }

    /** The envelopes of events just appended at {@code expectedVersion + 1…}, as either store answers them. */
    static List<EventEnvelope> appended(
            StreamId stream,
            long expectedVersion,
            List<NewEvent> events,
            UUID[] ids,
            String[] types,
            int[] schemas,
            OffsetDateTime[] recordedAt,
            Metadata meta) {
        List<EventEnvelope> appended = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            appended.add(new EventEnvelope(
                    ids[i],
                    types[i],
                    schemas[i],
                    stream.type(),
                    stream.id(),
                    expectedVersion + 1 + i,
                    event.occurredAt(),
                    recordedAt[i],
                    meta.actor(),
                    meta.correlationId(),
                    meta.causationId(),
                    event.payload()));
        }
        return appended;
    }
}
