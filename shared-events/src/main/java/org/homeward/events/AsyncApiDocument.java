package org.homeward.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.homeward.events.personal.Personal;
import org.homeward.events.search.PartnerFeedRecord;
import org.homeward.events.upcast.Upcasters;

/**
 * The AsyncAPI 3.0 document of the Homeward topics, generated from the event records in
 * {@link EventTypes}: one message per event type and schema version, its payload a JSON Schema
 * derived from the record's components, wrapped in the {@link EventEnvelope} every record carries;
 * the record headers the outbox relay sets (eventType, schemaVersion, eventId, correlationId); the
 * dead-letter topics. Run {@code main} with a path to write it (the build writes
 * shared-events/target/asyncapi/asyncapi.json).
 */
public final class AsyncApiDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public static ObjectNode build() {
        ObjectNode doc = F.objectNode();
        doc.put("asyncapi", "3.0.0");
        doc.putObject("info")
                .put("title", "Homeward events")
                .put("version", "1.0.0")
                .put(
                        "description",
                        "Domain events of intake, search and outreach, one topic per producing service, "
                                + "keyed by stream id (one aggregate's events in order). Delivery is at least once: "
                                + "drop repeats by eventId. Route on the record headers without parsing the value.");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        components.putObject("messageTraits").set("Headers", F.objectNode().set("headers", headers()));
        schemas.set("Actor", schemaOf(Actor.class, schemas));

        Map<String, String> topics =
                Map.of("intake", Topics.INTAKE, "search", Topics.SEARCH, "outreach", Topics.OUTREACH);
        for (String service : new TreeSet<>(topics.keySet())) {
            ObjectNode channel = channels.putObject(service);
            channel.put("address", topics.get(service));
            channel.put(
                    "description", "Events of " + service + "-service (prefix configurable: HOMEWARD_TOPIC_PREFIX)");
            ObjectNode channelMessages = channel.putObject("messages");
            EventTypes.all().stream()
                    .map(EventTypes::nameOf)
                    .filter(n -> n.startsWith(service + "."))
                    .sorted()
                    .forEach(name -> {
                        Class<? extends DomainEvent> type =
                                EventTypes.classOf(name).orElseThrow();
                        int version = EventTypes.currentVersion(type);
                        String id = messageId(name, version);
                        schemas.set(id, schemaOf(type, schemas));
                        ObjectNode message = messages.putObject(id);
                        message.put("name", name);
                        message.put("title", name + " v" + version);
                        message.put("contentType", "application/json");
                        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/Headers");
                        message.set("payload", envelope(name, version, "#/components/schemas/" + id));
                        channelMessages.putObject(id).put("$ref", "#/components/messages/" + id);
                        // older versions a consumer may still meet on the topic (the platform reads them upcast)
                        for (Upcaster u : Upcasters.ALL) {
                            if (u.eventType().equals(name) && u.fromShape() != null) {
                                String old = messageId(name, u.fromVersion());
                                schemas.set(old, schemaOf(u.fromShape(), schemas));
                                ObjectNode previous = messages.putObject(old);
                                previous.put("name", name);
                                previous.put("title", name + " v" + u.fromVersion());
                                previous.put(
                                        "summary",
                                        "Version " + u.fromVersion() + ", on the topic from before version "
                                                + (u.fromVersion() + 1) + "; read it as version "
                                                + (u.fromVersion() + 1) + " ("
                                                + u.getClass().getSimpleName() + ")");
                                previous.put("contentType", "application/json");
                                previous.putArray("traits")
                                        .addObject()
                                        .put("$ref", "#/components/messageTraits/Headers");
                                previous.set("payload", envelope(name, u.fromVersion(), "#/components/schemas/" + old));
                                channelMessages.putObject(old).put("$ref", "#/components/messages/" + old);
                            }
                        }
                    });
            ObjectNode send = operations.putObject("publish-" + service);
            send.put("action", "send");
            send.putObject("channel").put("$ref", "#/channels/" + service);
            send.put("summary", service + "-service publishes its committed events (outbox relay, commit order)");
        }
        partnerFeed(channels, operations, schemas, messages, obj(components, "messageTraits"));
        for (String consumer : new String[] {"intake", "search", "outreach", "reporting"}) {
            ObjectNode dlq = channels.putObject("dlq-" + consumer);
            dlq.put("address", Topics.deadLetter(consumer));
            dlq.put(
                    "description",
                    "Records " + consumer + "-service could not read, as they were received "
                            + "(any message of the domain topics); replayed by an ADMIN through /api/admin/dead-letters");
            ObjectNode any = messages.putObject("DeadLetter");
            any.put("name", "DeadLetter");
            any.put("contentType", "application/json");
            any.put("summary", "The original record's value, unchanged");
            any.putObject("payload");
            dlq.putObject("messages").putObject("DeadLetter").put("$ref", "#/components/messages/DeadLetter");
        }
        return doc;
    }

    /**
     * The partner feed: one record per change to a partner's own lead, keyed by partnerId, signed with
     * that partner's secret (HMAC-SHA256 of the value's UTF-8 bytes, hex, in X-Homeward-Signature).
     */
    private static void partnerFeed(
            ObjectNode channels, ObjectNode operations, ObjectNode schemas, ObjectNode messages, ObjectNode traits) {
        String id = messageId(PartnerFeedRecord.EVENT_TYPE, PartnerFeedRecord.SCHEMA_VERSION);
        ObjectNode schema = schemaOf(PartnerFeedRecord.class, schemas);
        schema.putArray("required")
                .add("type")
                .add("partnerId")
                .add("leadId")
                .add("caseId")
                .add("occurredAt")
                .add("eventId");
        obj(obj(schema, "properties"), "occurredAt")
                .put(
                        "description",
                        "RFC 3339 with seconds and offset, e.g. 2018-03-10T10:00:00+08:00: when it happened (business time)");
        obj(obj(schema, "properties"), "outcome").put("description", "only on LEAD_VERIFIED");
        schemas.set(id, schema);

        ObjectNode headers = headers();
        ObjectNode p = obj(headers, "properties");
        obj(p, "eventType").put("const", PartnerFeedRecord.EVENT_TYPE);
        obj(p, "schemaVersion").put("const", Integer.toString(PartnerFeedRecord.SCHEMA_VERSION));
        p.putObject(PartnerFeedRecord.SIGNATURE_HEADER)
                .put("type", "string")
                .put("pattern", "^sha256=[0-9a-f]{64}$")
                .put(
                        "description",
                        "sha256= and the hex HMAC-SHA256 of the record value's exact UTF-8 bytes, keyed with "
                                + "the partner's feed secret named by X-Homeward-Key-Id. Verify before parsing; compare in constant time.");
        p.putObject(PartnerFeedRecord.KEY_ID_HEADER)
                .put("type", "string")
                .put("pattern", "^[1-9][0-9]*$")
                .put(
                        "description",
                        "Which of the partner's secrets signed it (GET /api/partners/{partnerId}/feed-keys/{keyId} "
                                + "on search-service); a rotation starts a new one, older ones still verify older records");
        ((ArrayNode) headers.get("required"))
                .add(PartnerFeedRecord.SIGNATURE_HEADER)
                .add(PartnerFeedRecord.KEY_ID_HEADER);
        traits.set("PartnerFeedHeaders", F.objectNode().set("headers", headers));

        ObjectNode message = messages.putObject(id);
        message.put("name", PartnerFeedRecord.EVENT_TYPE);
        message.put("title", "Partner feed record v" + PartnerFeedRecord.SCHEMA_VERSION);
        message.put(
                "summary",
                "What became of one of the partner's own leads: received, verified (CONFIRMED or REJECTED), "
                        + "family found. No person data.");
        message.put("contentType", "application/json");
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/PartnerFeedHeaders");
        message.putObject("payload").put("$ref", "#/components/schemas/" + id);

        ObjectNode channel = channels.putObject("partner-feed");
        channel.put("address", Topics.PARTNER_FEED);
        channel.put(
                "description",
                "search-service's feed for partners, keyed by partnerId (a partner reads its own key's "
                        + "records). Each record is signed with the partner's own secret; drop repeats by eventId.");
        channel.putObject("messages").putObject(id).put("$ref", "#/components/messages/" + id);
        ObjectNode send = operations.putObject("publish-partner-feed");
        send.put("action", "send");
        send.putObject("channel").put("$ref", "#/channels/partner-feed");
        send.put("summary", "search-service publishes a partner's lead outcomes as they are committed");
    }

    private static ObjectNode obj(ObjectNode node, String field) {
        return (ObjectNode) node.get(field);
    }

    static String messageId(String eventType, int version) {
        return eventType.replace('.', '_') + "_v" + version;
    }

    private static ObjectNode headers() {
        ObjectNode h = F.objectNode().put("type", "object");
        ObjectNode p = h.putObject("properties");
        p.putObject("eventType").put("type", "string").put("description", "<service>.<RecordName>");
        p.putObject("schemaVersion").put("type", "string").put("description", "the payload's version, as text");
        p.putObject("eventId").put("type", "string").put("format", "uuid");
        p.putObject("correlationId").put("type", "string").put("format", "uuid");
        h.putArray("required").add("eventType").add("schemaVersion").add("eventId");
        return h;
    }

    private static ObjectNode envelope(String name, int version, String payloadRef) {
        ObjectNode e = F.objectNode().put("type", "object");
        ObjectNode p = e.putObject("properties");
        p.putObject("eventId").put("type", "string").put("format", "uuid");
        p.putObject("eventType").put("const", name);
        p.putObject("schemaVersion").put("const", version);
        p.putObject("streamType").put("type", "string");
        p.putObject("streamId").put("type", "string");
        p.putObject("streamVersion").put("type", "integer").put("minimum", 1);
        p.putObject("occurredAt").put("type", "string").put("format", "date-time");
        p.putObject("recordedAt").put("type", "string").put("format", "date-time");
        p.putObject("actor").put("$ref", "#/components/schemas/Actor");
        p.putObject("correlationId").put("type", "string").put("format", "uuid");
        p.putObject("causationId").put("type", "string").put("format", "uuid");
        p.putObject("payload").put("$ref", payloadRef);
        e.putArray("required")
                .add("eventId")
                .add("eventType")
                .add("schemaVersion")
                .add("streamId")
                .add("streamVersion")
                .add("occurredAt")
                .add("payload");
        return e;
    }

    /** A personal value: sealed by a service that seals, else (events written before sealing) in clear; null once erased. */
    static ObjectNode sealedOr(ObjectNode clear, ObjectNode schemas) {
        if (!schemas.has("SealedValue")) {
            ObjectNode sealed = schemas.putObject("SealedValue")
                    .put("type", "object")
                    .put(
                            "description",
                            "A personal value sealed with its data subject's key (AES-256-GCM; ADR 33): ct is the base64 of a "
                                    + "12-byte IV and the ciphertext of the value's JSON, authenticated with \"<kid>/<field name>\". "
                                    + "Ask the owner named by kid for the key; once the subject is erased no key opens it.");
            ObjectNode props = sealed.putObject("properties");
            props.putObject("enc").put("type", "string").putArray("enum").add("v1");
            props.putObject("kid")
                    .put("type", "string")
                    .put("description", "<owner service>:<subject id>:<key version>");
            props.putObject("ct").put("type", "string").put("contentEncoding", "base64");
            sealed.putArray("required").add("enc").add("kid").add("ct");
        }
        ObjectNode one = F.objectNode();
        one.putArray("oneOf")
                .add(F.objectNode().put("$ref", "#/components/schemas/SealedValue"))
                .add(clear);
        return one;
    }

    /** A JSON Schema of a record (its components, as Jackson writes them), an enum or a value type. */
    static ObjectNode schemaOf(Type type, ObjectNode schemas) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = F.objectNode().put("type", "array");
                array.set("items", schemaOf(p.getActualTypeArguments()[0], schemas));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = F.objectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(p.getActualTypeArguments()[1], schemas));
                return map;
            }
            return schemaOf(raw, schemas);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == char.class || c == Character.class) {
            return F.objectNode().put("type", "string");
        }
        if (c == UUID.class) {
            return F.objectNode().put("type", "string").put("format", "uuid");
        }
        if (c == OffsetDateTime.class) {
            return F.objectNode().put("type", "string").put("format", "date-time");
        }
        if (c == LocalDate.class) {
            return F.objectNode().put("type", "string").put("format", "date");
        }
        if (c == LocalDateTime.class) {
            return F.objectNode().put("type", "string").put("description", "local date and time, ISO-8601");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) {
            return F.objectNode().put("type", "integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == BigDecimal.class) {
            return F.objectNode().put("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return F.objectNode().put("type", "boolean");
        }
        if (c.isEnum()) {
            ObjectNode e = F.objectNode().put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
            return e;
        }
        if (c.isRecord()) {
            ObjectNode o = F.objectNode().put("type", "object").put("title", c.getSimpleName());
            ObjectNode props = o.putObject("properties");
            ArrayNode required = o.putArray("required");
            for (RecordComponent rc : c.getRecordComponents()) {
                ObjectNode schema = schemaOf(rc.getGenericType(), schemas);
                if (rc.isAnnotationPresent(Personal.class)) {
                    schema = sealedOr(schema, schemas); // on the wire: sealed with the person's key (ADR 33)
                }
                props.set(rc.getName(), schema);
                if (rc.getType().isPrimitive()) {
                    required.add(rc.getName());
                }
            }
            return o;
        }
        if (c.isInterface() && c.isSealed()) {
            ObjectNode one = F.objectNode();
            ArrayNode options = one.putArray("oneOf");
            Arrays.stream(c.getPermittedSubclasses())
                    .sorted(Comparator.comparing(Class::getName))
                    .forEach(s -> options.add(schemaOf(s, schemas)));
            return one;
        }
        throw new IllegalArgumentException("No JSON Schema for " + c.getName() + ": add it to AsyncApiDocument");
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/asyncapi/asyncapi.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(
                out,
                EventCodec.newObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(build()));
    }

    private AsyncApiDocument() {}
}
