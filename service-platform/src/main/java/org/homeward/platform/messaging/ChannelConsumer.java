package org.homeward.platform.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;

/**
 * A consumer of one channel that applies each event once under its own name (processed_event).
 * The subclass's {@code @Incoming} method takes a poll and calls {@link #accept(String, KafkaRecordBatch)}:
 * its records are applied in one transaction (ADR 44); dead-letter replays call {@link #accept(String, String)}.
 * A consumer that names the event types it applies passes over every other type before decoding it
 * or opening a transaction (most of a busy topic, for some consumers); one that names none applies all.
 */
public abstract class ChannelConsumer implements RecordConsumer {
    private final IncomingEvents incoming;
    private final String channel;
    private final String name;
    private final Set<String> appliedTypes; // null: every type

    /** For the client proxy of a normal-scoped subclass only. */
    protected ChannelConsumer() {
        this(null, null, null);
    }

    protected ChannelConsumer(IncomingEvents incoming, String channel, String name) {
        this.incoming = incoming;
        this.channel = channel;
        this.name = name;
        this.appliedTypes = null;
    }

    /** A consumer whose {@link #apply} changes nothing for any event type but {@code appliedTypes}. */
    protected ChannelConsumer(
            IncomingEvents incoming, String channel, String name, Set<Class<? extends DomainEvent>> appliedTypes) {
        this.incoming = incoming;
        this.channel = channel;
        this.name = name;
        this.appliedTypes = appliedTypes.stream().map(EventTypes::nameOf).collect(Collectors.toUnmodifiableSet());
    }

    /** Applies one event of the channel, in the transaction that records it as processed. */
    protected abstract void apply(Connection c, EventEnvelope event) throws SQLException;

    @Override
    public Set<String> channels() {
        return Set.of(channel);
    }

    /** Applies a poll of the channel: what the subclass's {@code @Incoming} method returns. */
    protected CompletionStage<Void> accept(String channel, KafkaRecordBatch<String, String> poll) {
        return incoming.consume(channel, poll, this);
    }

    @Override
    public void accept(String channel, String record) {
        incoming.consume(name, record, type -> ignores(channel, type), this::apply);
    }

    @Override
    public void acceptAll(String channel, List<EventEnvelope> events) {
        incoming.applyAll(name, events, this::apply);
    }

    @Override
    public boolean ignores(String channel, String eventType) {
        return appliedTypes != null && !appliedTypes.contains(eventType);
    }

    @Override
    public Set<UUID> applied(Connection c, String channel, Collection<UUID> eventIds) throws SQLException {
        return incoming.processedBy(c, name, eventIds);
    }
}
