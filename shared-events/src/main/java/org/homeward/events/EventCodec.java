package org.homeward.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.personal.Keyring;
import org.homeward.events.personal.PersonalValues;
import org.homeward.events.upcast.Upcasters;

/**
 * JSON for envelopes and payloads. Reading upcasts an old payload step by step to the current
 * schema version, so code only ever sees the current shape. With a {@link Keyring} that seals, the
 * {@link org.homeward.events.personal.Personal} components are sealed on writing (ADR 33); reading
 * opens them with the keyring's keys, and a value whose key was destroyed reads as null (erased).
 */
public final class EventCodec {
    private final ObjectMapper json;
    private final Map<String, Upcaster> upcasters = new HashMap<>();
    private final Keyring keys;

    /** The codec every service uses: with every upcaster in use ({@link org.homeward.events.upcast.Upcasters}). */
    public EventCodec() {
        this(Upcasters.ALL);
    }

    public EventCodec(List<Upcaster> upcasters) {
        this(upcasters, Keyring.NONE);
    }

    public EventCodec(List<Upcaster> upcasters, Keyring keys) {
        this.json = newObjectMapper();
        this.keys = keys;
        upcasters.forEach(u -> this.upcasters.put(u.eventType() + "@" + u.fromVersion(), u));
    }

    /** The codec of a service holding personal data: every upcaster in use, personal values sealed with {@code keys}. */
    public static EventCodec withKeys(Keyring keys) {
        return new EventCodec(Upcasters.ALL, keys);
    }

    public Keyring keys() {
        return keys;
    }

    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public ObjectMapper mapper() {
        return json;
    }

    public String payloadJson(DomainEvent payload) {
        if (!sealsAny(payload)) {
            return write(payload);
        }
        ObjectNode tree = json.valueToTree(payload);
        PersonalValues.seal(payload.getClass(), tree, keys, json);
        return write(tree);
    }

    public String envelopeJson(EventEnvelope envelope) {
        if (!sealsAny(envelope.payload())) {
            return write(envelope);
        }
        ObjectNode tree = json.valueToTree(envelope);
        PersonalValues.seal(envelope.payload().getClass(), (ObjectNode) tree.get("payload"), keys, json);
        return write(tree);
    }

    private boolean sealsAny(DomainEvent payload) {
        return keys.seals() && payload != null && PersonalValues.hasPersonal(payload.getClass());
    }

    /** Reads a stored payload (any older version) as the current type. */
    public DomainEvent readPayload(String eventType, int schemaVersion, String payloadJson) {
        try {
            Class<? extends DomainEvent> target =
                    EventTypes.classOf(eventType).orElseThrow(() -> new UnknownEventTypeException(eventType));
            if (schemaVersion == EventTypes.currentVersion(target)
                    && payloadJson.startsWith("{")
                    && !(PersonalValues.hasPersonal(target) && PersonalValues.mayBeSealed(payloadJson))) {
                // Already the current shape: straight to the record, without building a tree first
                // (about twice as fast, and replay decodes every event of the log).
                return json.readValue(payloadJson, target);
            }
            return toPayload(eventType, schemaVersion, json.readTree(payloadJson));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The envelope's event type, read by streaming up to that field without decoding (or opening) the
     * payload: a consumer asks it to pass over a type it does not apply. Empty when the record is not an
     * envelope with one; {@link #readEnvelope} then says what is wrong with it.
     */
    public Optional<String> eventTypeOf(String envelopeJson) {
        if (envelopeJson == null) { // a record without a value (a tombstone) is no envelope either
            return Optional.empty();
        }
        try (JsonParser p = json.getFactory().createParser(envelopeJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("eventType")) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(p.getText()) : Optional.empty();
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads an envelope from the wire; an unknown event type throws {@link UnknownEventTypeException}. */
    public EventEnvelope readEnvelope(String envelopeJson) {
        try {
            JsonNode node = json.readTree(envelopeJson);
            String type = text(node, "eventType");
            int version = node.path("schemaVersion").asInt(1);
            DomainEvent payload = toPayload(type, version, node.get("payload"));
            return new EventEnvelope(
                    UUID.fromString(text(node, "eventId")),
                    type,
                    EventTypes.currentVersion(payload.getClass()),
                    text(node, "streamType"),
                    text(node, "streamId"),
                    node.path("streamVersion").asLong(),
                    OffsetDateTime.parse(text(node, "occurredAt")),
                    OffsetDateTime.parse(text(node, "recordedAt")),
                    node.hasNonNull("actor") ? json.treeToValue(node.get("actor"), Actor.class) : null,
                    uuidOrNull(node, "correlationId"),
                    uuidOrNull(node, "causationId"),
                    payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DomainEvent toPayload(String type, int version, JsonNode payload) throws JsonProcessingException {
        Class<? extends DomainEvent> target =
                EventTypes.classOf(type).orElseThrow(() -> new UnknownEventTypeException(type));
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("Event " + type + " has no payload object");
        }
        ObjectNode current = (ObjectNode) payload;
        if (PersonalValues.hasPersonal(target)) {
            current = current.deepCopy(); // opened in place: never change the caller's tree
            PersonalValues.open(current, keys, json);
        }
        for (int v = version; v < EventTypes.currentVersion(target); v++) {
            Upcaster step = upcasters.get(type + "@" + v);
            if (step == null) {
                throw new IllegalStateException("No upcaster for " + type + " from version " + v);
            }
            current = step.upcast(current.deepCopy());
        }
        return json.treeToValue(current, target);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Envelope without " + field);
        }
        return value.asText();
    }

    private static UUID uuidOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? UUID.fromString(node.get(field).asText()) : null;
    }
}
