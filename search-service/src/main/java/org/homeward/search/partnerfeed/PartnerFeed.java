package org.homeward.search.partnerfeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.LeadVerified;
import org.homeward.eventstore.OutboxRelay;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * The outbound feed for partners: what became of each partner's own leads (received, confirmed or
 * rejected, family found), keyed by partnerId, with no person data, signed with HMAC-SHA256
 * (header {@code homeward-signature}). It follows the event store with a checkpoint of its own.
 */
@ApplicationScoped
public class PartnerFeed {
    private final EventSourcing sourcing;
    private final String topic;
    private final String bootstrapServers;
    private final byte[] secret;
    private final ObjectMapper json = new ObjectMapper();
    private OutboxRelay relay;

    public PartnerFeed(EventSourcing sourcing,
                       @ConfigProperty(name = "homeward.partner-feed.topic") String topic,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "homeward.partner-feed.secret") String secret) {
        this.sourcing = sourcing;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    void start(@Observes StartupEvent event) {
        relay = new OutboxRelay(sourcing.store(), "partner-feed", topic, bootstrapServers, 500, Map.of(), this::records);
        relay.start(200);
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }

    List<ProducerRecord<String, String>> records(Connection c, EventEnvelope event) throws SQLException {
        Optional<Map<String, Object>> message = message(c, event);
        if (message.isEmpty()) {
            return List.of();
        }
        String partner = (String) message.get().get("partnerId");
        String body = write(message.get());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partner, body);
        record.headers().add("homeward-signature", sign(body).getBytes(StandardCharsets.US_ASCII));
        return List.of(record);
    }

    private Optional<Map<String, Object>> message(Connection c, EventEnvelope event) throws SQLException {
        Object p = event.payload();
        if (p instanceof LeadRecorded e && e.partnerId() != null) {
            return Optional.of(message("LEAD_RECEIVED", e.partnerId(), e.leadId(), e.caseId(), null, event));
        }
        if (p instanceof LeadVerified e) {
            Optional<String> partner = Sql.one(c, "SELECT partner_id FROM lead WHERE lead_id = ?", rs -> rs.getString(1), e.leadId());
            if (partner.isPresent()) {
                return Optional.of(message("LEAD_VERIFIED", partner.get(), e.leadId(), e.caseId(), e.outcome().name(), event));
            }
        }
        if (p instanceof FamilyFound e && e.partnerId() != null) {
            return Optional.of(message("FAMILY_FOUND", e.partnerId(), e.leadId(), e.caseId(), null, event));
        }
        return Optional.empty();
    }

    private static Map<String, Object> message(String type, String partner, UUID lead, UUID caseId, String outcome,
                                               EventEnvelope event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("partnerId", partner);
        m.put("leadId", lead.toString());
        m.put("caseId", caseId.toString());
        if (outcome != null) {
            m.put("outcome", outcome);
        }
        m.put("occurredAt", event.occurredAt().toString());
        m.put("eventId", event.eventId().toString());
        return m;
    }

    String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
