package org.homeward.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.homeward.events.EventEnvelope;

/**
 * Follows the event log in commit order. A BIGSERIAL position alone is not safe: a transaction
 * that took position 7 may commit after one that took 8, and a reader that already passed 8 would
 * skip 7 for ever. So rows carry their transaction id, the reader orders by (tx, position) and
 * only reads transactions older than every one still running ({@code pg_snapshot_xmin}): those
 * can no longer gain rows before the checkpoint. A long-running transaction stalls readers.
 */
public final class LogReader {
    private final EventStore store;

    /**
     * Qualified on purpose: a bare {@code ORDER BY tx_id} would name the text output column and sort
     * "100" before "99", jumping the checkpoint past unread events and defeating the index.
     */
    static final String ORDER = "ORDER BY event_store.tx_id, event_store.position";

    public LogReader(EventStore store) {
        this.store = store;
    }

    public record Entry(LogPosition position, EventEnvelope event) {}

    public List<Entry> readAfter(Connection c, LogPosition after, int limit) throws SQLException {
        String sql = "SELECT tx_id::text AS tx, position, " + EventStore.COLUMNS + " FROM event_store "
                + "WHERE (tx_id, position) > (?::xid8, ?) "
                + "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) "
                + ORDER + " LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, after.txId());
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(new LogPosition(rs.getString(1), rs.getLong(2)), store.read(rs, 3)));
                }
            }
            return entries;
        }
    }

    /** What a replay hands over, one entry at a time, in commit order. */
    @FunctionalInterface
    public interface EntryHandler {
        void accept(Entry entry) throws SQLException;
    }

    /**
     * Reads every committed event after {@code after} in commit order, through one server-side
     * cursor, and hands each to {@code handler} on the calling thread. The JSON is decoded on
     * {@code decoders} threads while the cursor fetches the next rows (ADR 28): decoding on the
     * reading thread alone made replay run at about 0.6 of a plain cursor over the same rows.
     * {@code c} must not be in autocommit mode (PostgreSQL only streams a cursor inside a
     * transaction). Returns the position of the last entry handed over ({@code after} if none).
     */
    public LogPosition replay(Connection c, LogPosition after, int decoders, EntryHandler handler) throws SQLException {
        String sql = "SELECT tx_id::text AS tx, position, " + EventStore.COLUMNS + " FROM event_store "
                + "WHERE (tx_id, position) > (?::xid8, ?) "
                + "AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) " + ORDER;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, decoders), r -> {
            Thread t = new Thread(r, "log-replay-decoder");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<List<Entry>>> inFlight = new ArrayDeque<>();
        LogPosition last = after;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(REPLAY_CHUNK * 4);
            ps.setString(1, after.txId());
            ps.setLong(2, after.position());
            try (ResultSet rs = ps.executeQuery()) {
                List<EventStore.StoredRow> chunk = new ArrayList<>(REPLAY_CHUNK);
                while (rs.next()) {
                    chunk.add(EventStore.StoredRow.read(rs));
                    if (chunk.size() == REPLAY_CHUNK) {
                        inFlight.add(pool.submit(decode(chunk)));
                        chunk = new ArrayList<>(REPLAY_CHUNK);
                        // Hand over what is decoded, keeping a few chunks in flight so the decoders never wait.
                        while (inFlight.size() > 2 * Math.max(1, decoders)) {
                            last = deliver(inFlight.poll(), handler, last);
                        }
                    }
                }
                if (!chunk.isEmpty()) {
                    inFlight.add(pool.submit(decode(chunk)));
                }
            }
            while (!inFlight.isEmpty()) {
                last = deliver(inFlight.poll(), handler, last);
            }
            return last;
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static final int REPLAY_CHUNK = 256;

    private Callable<List<Entry>> decode(List<EventStore.StoredRow> rows) {
        return () -> {
            List<Entry> entries = new ArrayList<>(rows.size());
            for (EventStore.StoredRow row : rows) {
                entries.add(new Entry(new LogPosition(row.txId(), row.position()), store.decode(row)));
            }
            return entries;
        };
    }

    private static LogPosition deliver(Future<List<Entry>> decoded, EntryHandler handler, LogPosition last)
            throws SQLException {
        List<Entry> entries;
        try {
            entries = decoded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        for (Entry entry : entries) {
            handler.accept(entry);
            last = entry.position();
        }
        return last;
    }

    /** Events committed but not yet read past by {@code reader}, and the record time of the oldest of them. */
    public record Backlog(long events, Instant oldestRecordedAt) {}

    public Backlog backlog(Connection c, String reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(e.recorded_at) FROM event_store e "
                + "LEFT JOIN log_checkpoint k ON k.reader = ? "
                + "WHERE (e.tx_id, e.position) > (coalesce(k.tx_id, '0'::xid8), coalesce(k.position, 0))")) {
            ps.setString(1, reader);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(2);
                return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            }
        }
    }

    /** The reader's checkpoint row, locked for this transaction; empty if another holder has it locked. */
    public Optional<LogPosition> lockCheckpoint(Connection c, String reader) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO log_checkpoint (reader, tx_id, position) VALUES (?, '0'::xid8, 0) ON CONFLICT DO NOTHING")) {
            insert.setString(1, reader);
            insert.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tx_id::text, position FROM log_checkpoint WHERE reader = ? FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, reader);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new LogPosition(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    public void saveCheckpoint(Connection c, String reader, LogPosition position) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE log_checkpoint SET tx_id = ?::xid8, position = ? WHERE reader = ?")) {
            ps.setString(1, position.txId());
            ps.setLong(2, position.position());
            ps.setString(3, reader);
            ps.executeUpdate();
        }
    }
}
