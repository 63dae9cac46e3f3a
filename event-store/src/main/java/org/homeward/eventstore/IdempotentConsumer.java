package org.homeward.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    public boolean markProcessed(Connection c, EventEnvelope event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setObject(2, event.eventId());
            return ps.executeUpdate() == 1;
        }
    }
}
