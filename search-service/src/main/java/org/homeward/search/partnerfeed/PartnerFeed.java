package org.homeward.search.partnerfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.PartnerFeedRecord;
import org.homeward.events.search.PartnerFeedRecord.Kind;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.LeadVerified;
import org.homeward.eventstore.OutboxRelay;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * The outbound feed for partners: what became of each partner's own leads (received, confirmed or
 * rejected, family found), keyed by partnerId, with no person data ({@link PartnerFeedRecord}, in the
 * AsyncAPI document). Each record is signed with its partner's own newest secret
 * ({@link PartnerFeedKeys}): headers X-Homeward-Signature and X-Homeward-Key-Id. It follows the event
 * store with a checkpoint of its own.
 */
@ApplicationScoped
public class PartnerFeed {
    private final EventSourcing sourcing;
    private final PartnerFeedKeys keys;
    private final String topic;
    private final String bootstrapServers;
    // the events' own mapper: OffsetDateTime as RFC 3339 with seconds (2018-03-10T10:00:00+08:00)
    private final ObjectMapper json = EventCodec.newObjectMapper();
    private OutboxRelay relay;

    public PartnerFeed(
            EventSourcing sourcing,
            PartnerFeedKeys keys,
            @ConfigProperty(name = "homeward.partner-feed.topic") String topic,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.sourcing = sourcing;
        this.keys = keys;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        relay = new OutboxRelay(
                sourcing.store(), "partner-feed", topic, bootstrapServers, 500, Map.of(), this::records);
        relay.start(200);
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }

    List<ProducerRecord<String, String>> records(Connection c, EventEnvelope event) throws SQLException {
        Optional<PartnerFeedRecord> message = message(c, event);
        if (message.isEmpty()) {
            return List.of();
        }
        String partner = message.get().partnerId();
        String body = write(message.get());
        PartnerFeedKeys.Key key = keys.current(c, partner);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partner, body);
        header(record, PartnerFeedRecord.SIGNATURE_HEADER, PartnerFeedKeys.signature(key.secret(), body));
        header(record, PartnerFeedRecord.KEY_ID_HEADER, Integer.toString(key.keyId()));
        // the feed's own type and version; the relay adds eventId and correlationId of the source event
        header(record, "eventType", PartnerFeedRecord.EVENT_TYPE);
        header(record, "schemaVersion", Integer.toString(PartnerFeedRecord.SCHEMA_VERSION));
        return List.of(record);
    }

    private Optional<PartnerFeedRecord> message(Connection c, EventEnvelope event) throws SQLException {
        Object p = event.payload();
        if (p instanceof LeadRecorded e && e.partnerId() != null) {
            return Optional.of(new PartnerFeedRecord(
                    Kind.LEAD_RECEIVED,
                    e.partnerId(),
                    e.leadId(),
                    e.caseId(),
                    null,
                    event.occurredAt(),
                    event.eventId()));
        }
        if (p instanceof LeadVerified e) {
            Optional<String> partner =
                    Sql.one(c, "SELECT partner_id FROM lead WHERE lead_id = ?", rs -> rs.getString(1), e.leadId());
            if (partner.isPresent() && partner.get() != null) {
                return Optional.of(new PartnerFeedRecord(
                        Kind.LEAD_VERIFIED,
                        partner.get(),
                        e.leadId(),
                        e.caseId(),
                        e.outcome(),
                        event.occurredAt(),
                        event.eventId()));
            }
        }
        if (p instanceof FamilyFound e && e.partnerId() != null) {
            return Optional.of(new PartnerFeedRecord(
                    Kind.FAMILY_FOUND,
                    e.partnerId(),
                    e.leadId(),
                    e.caseId(),
                    null,
                    event.occurredAt(),
                    event.eventId()));
        }
        return Optional.empty();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private String write(PartnerFeedRecord message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
