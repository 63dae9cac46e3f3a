package org.homeward.reporting.facts;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.messaging.RecordConsumer;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Feeds the three services' topics into the live facts, and, while a rebuild runs, into the
 * schema being rebuilt as well, so that nothing arriving during the rebuild is missing after the switch.
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
    @Blocking(ordered = true) // one record at a time: a stream's events apply in their order
    public void intake(String record) {
        feed(record);
    }

    @Incoming("search-events")
    @Blocking(ordered = true) // one record at a time: a stream's events apply in their order
    public void search(String record) {
        feed(record);
    }

    @Incoming("outreach-events")
    @Blocking(ordered = true) // one record at a time: a stream's events apply in their order
    public void outreach(String record) {
        feed(record);
    }

    @Override
    public Set<String> channels() {
        return Set.of("intake-events", "search-events", "outreach-events");
    }

    @Override
    public void accept(String channel, String record) {
        feed(record);
    }

    /** Applied means present in the live facts' applied_event (every event is noted there, used or not). */
    @Override
    public Set<UUID> applied(Connection c, String channel, Collection<UUID> eventIds) throws SQLException {
        FactSchemas.use(c, schemas.state(c, true).live());
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
                FactSchemas.State state = schemas.state(c, true);
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
