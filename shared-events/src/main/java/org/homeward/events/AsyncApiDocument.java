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
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

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
        doc.putObject("info").put("title", "Homeward events").put("version", "1.0.0")
                .put("description", "Domain events of intake, search and outreach, one topic per producing service, "
                        + "keyed by stream id (one aggregate's events in order). Delivery is at least once: "
                        + "drop repeats by eventId. Route on the record headers without parsing the value.");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        components.putObject("messageTraits").set("Headers", F.objectNode().set("headers", headers()));
        schemas.set("Actor", schemaOf(Actor.class, schemas));

        Map<String, String> topics = Map.of("intake", Topics.INTAKE, "search", Topics.SEARCH, "outreach", Topics.OUTREACH);
        for (String service : new java.util.TreeSet<>(topics.keySet())) {
            ObjectNode channel = channels.putObject(service);
            channel.put("address", topics.get(service));
            channel.put("description", "Events of " + service + "-service (prefix configurable: HOMEWARD_TOPIC_PREFIX)");
            ObjectNode channelMessages = channel.putObject("messages");
            EventTypes.all().stream().map(EventTypes::nameOf).filter(n -> n.startsWith(service + "."))
                    .sorted().forEach(name -> {
                        Class<? extends DomainEvent> type = EventTypes.classOf(name).orElseThrow();
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
                    });
            ObjectNode send = operations.putObject("publish-" + service);
            send.put("action", "send");
            send.putObject("channel").put("$ref", "#/channels/" + service);
            send.put("summary", service + "-service publishes its committed events (outbox relay, commit order)");
        }
        for (String consumer : new String[] {"intake", "search", "outreach", "reporting"}) {
            ObjectNode dlq = channels.putObject("dlq-" + consumer);
            dlq.put("address", Topics.deadLetter(consumer));
            dlq.put("description", "Records " + consumer + "-service could not read, as they were received "
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
        e.putArray("required").add("eventId").add("eventType").add("schemaVersion").add("streamId")
                .add("streamVersion").add("occurredAt").add("payload");
        return e;
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
                props.set(rc.getName(), schemaOf(rc.getGenericType(), schemas));
                if (rc.getType().isPrimitive()) {
                    required.add(rc.getName());
                }
            }
            return o;
        }
        if (c.isInterface() && c.isSealed()) {
            ObjectNode one = F.objectNode();
            ArrayNode options = one.putArray("oneOf");
            java.util.Arrays.stream(c.getPermittedSubclasses()).sorted(Comparator.comparing(Class::getName))
                    .forEach(s -> options.add(schemaOf(s, schemas)));
            return one;
        }
        throw new IllegalArgumentException("No JSON Schema for " + c.getName() + ": add it to AsyncApiDocument");
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/asyncapi/asyncapi.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, EventCodec.newObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(build()));
    }

    private AsyncApiDocument() {
    }
}
