package org.homeward.outreach.registry;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.Sql;

/** The partners search-service has registered: volunteer visits and partner teams name one of them. */
@ApplicationScoped
public class KnownPartners extends ChannelConsumer {

    public KnownPartners(IncomingEvents incoming) {
        super(incoming, "search-events", "outreach.partners", Set.of(PartnerRegistered.class));
    }

    @Incoming("search-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> poll) {
        return accept("search-events", poll);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PartnerRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO known_partner (partner_id, name, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    e.partnerId(),
                    e.name(),
                    e.kind().name());
        }
    }

    public boolean isKnown(Connection c, String partnerId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM known_partner WHERE partner_id = ?", rs -> true, partnerId)
                .isPresent();
    }
}
