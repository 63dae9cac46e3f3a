package org.homeward.reporting.facts;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.messaging.RecordConsumer;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Feeds the three services' topics into the live facts, and, while a rebuild runs, into the
 * schema being rebuilt as well, so that nothing arriving during the rebuild is missing after the switch.
 * A poll is applied in one transaction; a dead-letter replay, or a poll that failed together, one record
 * at a time ({@link #accept}).
 */
@ApplicationScoped
public class EventFeed implements RecordConsumer {
    private final IncomingEvents incoming;
    private final EventSourcing sourcing;
    private final FactSchemas schemas;
    private final FactProjector projector;

    public EventFeed(IncomingEvents incoming, EventSourcing sourcing, FactSchemas schemas, FactProjector projector) {
        this.incoming = incoming;
        this.sourcing = sourcing;
        this.schemas = schemas;
        this.projector = projector;
    }

    @Incoming("intake-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> intake(KafkaRecordBatch<String, String> poll) {
        return incoming.consume("intake-events", poll, this);
    }

    @Incoming("search-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> search(KafkaRecordBatch<String, String> poll) {
        return incoming.consume("search-events", poll, this);
    }

    @Incoming("outreach-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> outreach(KafkaRecordBatch<String, String> poll) {
        return incoming.consume("outreach-events", poll, this);
    }

    @Override
    public Set<String> channels() {
        return Set.of("intake-events", "search-events", "outreach-events");
    }

    @Override
    public void accept(String channel, String record) {
        feed(record);
    }

    /** A poll's events in one transaction: into the live facts, and into the schema being rebuilt if one is. */
    @Override
    public void acceptAll(String channel, List<EventEnvelope> events) {
        schemas.ensureReady();
        sourcing.inTransaction(c -> {
            FactSchemas.State state = schemas.current(c);
            FactSchemas.use(c, state.live());
            applyOnce(c, events);
            if (state.rebuilding() != null) {
                FactSchemas.use(c, state.rebuilding());
                applyOnce(c, events);
            }
            return null;
        });
    }

    /** As {@link FactProjector#apply} for each event, with one statement marking them all (as a rebuild does). */
    private void applyOnce(Connection c, List<EventEnvelope> events) throws SQLException {
        Set<UUID> fresh = projector.markApplied(c, events);
        for (EventEnvelope event : events) {
            if (fresh.remove(event.eventId())) {
                projector.project(c, event);
            }
        }
    }

    /** Applied means present in the live facts' applied_event (every event is noted there, used or not). */
    @Override
    public Set<UUID> applied(Connection c, String channel, Collection<UUID> eventIds) throws SQLException {
        FactSchemas.use(c, schemas.current(c).live());
        return new HashSet<>(Sql.list(
                c,
                "SELECT event_id FROM applied_event WHERE event_id = ANY (?)",
                rs -> rs.getObject(1, UUID.class),
                (Object) c.createArrayOf("uuid", eventIds.toArray())));
    }

    void feed(String record) {
        Optional<EventEnvelope> event = incoming.read(record);
        if (event.isEmpty()) {
            return;
        }
        // A database outage is waited out, never dead-lettered: a figure must not be silently short.
        incoming.untilApplied(event.get(), () -> {
            schemas.ensureReady();
            return sourcing.inTransaction(c -> {
                FactSchemas.State state = schemas.current(c);
                FactSchemas.use(c, state.live());
                projector.apply(c, event.get());
                if (state.rebuilding() != null) {
                    FactSchemas.use(c, state.rebuilding());
                    projector.apply(c, event.get());
                }
                return null;
            });
        });
    }
}
