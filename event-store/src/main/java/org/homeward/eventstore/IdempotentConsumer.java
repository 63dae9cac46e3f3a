package org.homeward.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.EventEnvelope;

/**
 * Applies another service's event at most once: the event id is recorded in the same transaction
 * as the change it causes, so a redelivered event finds its id and changes nothing.
 */
public final class IdempotentConsumer {
    private final Transactions tx;
    private final String consumer;

    public IdempotentConsumer(Transactions tx, String consumer) {
        this.tx = tx;
        this.consumer = consumer;
    }

    @FunctionalInterface
    public interface Handler {
        void apply(Connection c, EventEnvelope event) throws SQLException;
    }

    /** Returns false when the event had been applied before. */
    public boolean handle(EventEnvelope event, Handler handler) {
        return tx.inTransaction(c -> {
            if (!markProcessed(c, event)) {
                return false;
            }
            handler.apply(c, event);
            return true;
        });
    }

    /**
     * Applies the events not applied before, in their order, in one transaction with their marks (one
     * statement marks them all); an event twice in {@code events} is applied once. Returns how many were
     * applied. If the handler fails for any of them, none is applied or marked.
     */
    public int handleAll(List<EventEnvelope> events, Handler handler) {
        if (events.isEmpty()) {
            return 0;
        }
        return tx.inTransaction(c -> {
            Set<UUID> fresh = markProcessed(c, events);
            int applied = 0;
            for (EventEnvelope event : events) {
                if (fresh.remove(event.eventId())) {
                    handler.apply(c, event);
                    applied++;
                }
            }
            return applied;
        });
    }

    /** Marks {@code events} processed and returns the ids of those that were not yet. */
    public Set<UUID> markProcessed(Connection c, List<EventEnvelope> events) throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                + "SELECT ?, e FROM unnest(?::uuid[]) e ORDER BY e ON CONFLICT DO NOTHING RETURNING event_id")) {
            // in one order (the ids'), whatever the poll's: two transactions marking overlapping polls cannot deadlock
            ps.setString(1, consumer);
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "uuid", events.stream().map(EventEnvelope::eventId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    public boolean markProcessed(Connection c, EventEnvelope event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setObject(2, event.eventId());
            return ps.executeUpdate() == 1;
        }
    }
}
