package org.homeward.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
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
     */
    public List<EventEnvelope> append(Connection c, StreamId stream, long expectedVersion, List<NewEvent> events,
                                      Metadata meta) throws SQLException {
        long actual = currentVersion(c, stream);
        if (actual != expectedVersion) {
            throw new ConcurrencyConflictException(stream, expectedVersion, actual);
        }
        List<EventEnvelope> appended = new ArrayList<>();
        String sql = "INSERT INTO event_store (event_id, event_type, schema_version, stream_type, stream_id, "
                + "stream_version, occurred_at, actor, correlation_id, causation_id, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb) RETURNING recorded_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long version = expectedVersion;
            for (NewEvent event : events) {
                version++;
                UUID eventId = UUID.randomUUID();
                String type = EventTypes.nameOf(event.payload());
                int schema = EventTypes.currentVersion(event.payload().getClass());
                ps.setObject(1, eventId);
                ps.setString(2, type);
                ps.setInt(3, schema);
                ps.setString(4, stream.type());
                ps.setString(5, stream.id());
                ps.setLong(6, version);
                ps.setObject(7, event.occurredAt());
                ps.setString(8, meta.actor() == null ? null : codec.mapper().writeValueAsString(meta.actor()));
                ps.setObject(9, meta.correlationId(), Types.OTHER);
                ps.setObject(10, meta.causationId(), Types.OTHER);
                ps.setString(11, codec.payloadJson(event.payload()));
                OffsetDateTime recordedAt;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recordedAt = rs.getObject(1, OffsetDateTime.class);
                }
                appended.add(new EventEnvelope(eventId, type, schema, stream.type(), stream.id(), version,
                        event.occurredAt(), recordedAt, meta.actor(), meta.correlationId(), meta.causationId(),
                        event.payload()));
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) { // unique (stream, version): a concurrent append won
                throw new ConcurrencyConflictException(stream, expectedVersion);
            }
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return appended;
    }

    public List<EventEnvelope> append(StreamId stream, long expectedVersion, List<NewEvent> events, Metadata meta) {
        return tx.inTransaction(c -> append(c, stream, expectedVersion, events, meta));
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
        int i = first;
        UUID eventId = rs.getObject(i++, UUID.class);
        String type = rs.getString(i++);
        int schema = rs.getInt(i++);
        String streamType = rs.getString(i++);
        String streamId = rs.getString(i++);
        long version = rs.getLong(i++);
        OffsetDateTime occurredAt = rs.getObject(i++, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime recordedAt = rs.getObject(i++, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        String actor = rs.getString(i++);
        UUID correlation = rs.getObject(i++, UUID.class);
        UUID causation = rs.getObject(i++, UUID.class);
        String payload = rs.getString(i);
        try {
            return new EventEnvelope(eventId, type, EventTypes.classOf(type).map(EventTypes::currentVersion).orElse(schema),
                    streamType, streamId, version, occurredAt, recordedAt,
                    actor == null ? null : codec.mapper().readValue(actor, org.homeward.events.Actor.class),
                    correlation, causation, codec.readPayload(type, schema, payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Unreadable actor in event " + eventId, e);
        }
    }
}
