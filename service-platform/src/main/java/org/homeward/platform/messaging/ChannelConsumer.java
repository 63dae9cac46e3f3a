package org.homeward.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.EventEnvelope;

/**
 * A consumer of one channel that applies each event once under its own name (processed_event).
 * The subclass's {@code @Incoming} method calls {@link #accept}; dead-letter replays call it too.
 */
public abstract class ChannelConsumer implements RecordConsumer {
    private final IncomingEvents incoming;
    private final String channel;
    private final String name;

    /** For the client proxy of a normal-scoped subclass only. */
    protected ChannelConsumer() {
        this(null, null, null);
    }

    protected ChannelConsumer(IncomingEvents incoming, String channel, String name) {
        this.incoming = incoming;
        this.channel = channel;
        this.name = name;
    }

    /** Applies one event of the channel, in the transaction that records it as processed. */
    protected abstract void apply(Connection c, EventEnvelope event) throws SQLException;

    @Override
    public Set<String> channels() {
        return Set.of(channel);
    }

    @Override
    public void accept(String channel, String record) {
        incoming.consume(name, record, this::apply);
    }

    @Override
    public Set<UUID> applied(Connection c, String channel, Collection<UUID> eventIds) throws SQLException {
        return incoming.processedBy(c, name, eventIds);
    }
}
