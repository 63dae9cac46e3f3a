package org.homeward.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.EventEnvelope;

/**
 * A bean whose {@code @Incoming} methods apply other services' records, a poll at a time (through
 * {@link IncomingEvents}: together in one transaction, one at a time when that fails).
 * Dead letters of its channels are handed back to it for replay, and reconciliation asks it which events it applied.
 */
public interface RecordConsumer {
    /** The channels (mp.messaging.incoming.NAME) this bean reads. */
    Set<String> channels();

    /** Applies one record of {@code channel}, in a transaction of its own; throws if it cannot. */
    void accept(String channel, String record);

    /**
     * Applies {@code events} (of a poll of {@code channel}, in its order) in one transaction, each at most
     * once, as {@link #accept} would one by one; throws, having applied none, if any of them fails.
     */
    void acceptAll(String channel, List<EventEnvelope> events);

    /**
     * True for an event type this consumer never applies on {@code channel}: the record is passed over
     * before any decoding or transaction, and reconciliation expects no mark of it.
     */
    default boolean ignores(String channel, String eventType) {
        return false;
    }

    /** Of {@code eventIds}, those already applied (or seen and deliberately ignored) for {@code channel}. */
    Set<UUID> applied(Connection c, String channel, Collection<UUID> eventIds) throws SQLException;
}
