package org.homeward.events.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens the {@link Personal} components of an event payload in its JSON form. A sealed
 * value is {@code {"enc":"v1","kid":"<key id>","ct":"<base64 of iv and AES-GCM ciphertext>"}} in
 * place of the value; the authenticated data is the key id and the component's name, so a value
 * cannot be moved to another person or field unnoticed. Everything else stays in clear.
 */
public final class PersonalValues {
    public static final String FORMAT = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no AES-GCM", e);
        }
    });
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private PersonalValues() {}

    /** Which components of a record are personal, and which one names the data subject. */
    private record Shape(List<String> personal, String subject) {}

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            List<String> personal = new ArrayList<>();
            String subject = null;
            String personId = null;
            if (t.isRecord()) {
                for (RecordComponent c : t.getRecordComponents()) {
                    if (c.isAnnotationPresent(Personal.class)) {
                        personal.add(c.getName());
                    }
                    if (c.isAnnotationPresent(DataSubject.class)) {
                        subject = c.getName();
                    }
                    if (c.getName().equals("personId") && c.getType() == UUID.class) {
                        personId = c.getName();
                    }
                }
            }
            if (!personal.isEmpty() && subject == null && personId == null) {
                throw new IllegalStateException(
                        t.getName() + " has personal components but no personId or @DataSubject");
            }
            return new Shape(List.copyOf(personal), subject != null ? subject : personId);
        });
    }

    /** Whether records of {@code type} carry personal components. */
    public static boolean hasPersonal(Class<?> type) {
        return !shape(type).personal().isEmpty();
    }

    /** The names of the personal components of {@code type}. */
    public static List<String> personalComponents(Class<?> type) {
        return shape(type).personal();
    }

    /**
     * Seals, in place, the personal values of a payload of {@code type}; null values stay null. Once
     * the subject is erased there is no key, and a new personal value is not kept (written as null).
     */
    public static void seal(Class<?> type, ObjectNode payload, Keyring keys, ObjectMapper json) {
        Shape shape = shape(type);
        if (shape.personal().isEmpty()) {
            return;
        }
        UUID subject = UUID.fromString(payload.path(shape.subject()).asText());
        Optional<DataKey> key = Optional.empty();
        boolean looked = false;
        for (String field : shape.personal()) {
            JsonNode value = payload.get(field);
            if (value == null || value.isNull() || isSealed(value)) {
                continue;
            }
            if (!looked) {
                key = keys.sealing(subject);
                looked = true;
            }
            if (key.isEmpty()) {
                payload.set(field, NullNode.getInstance());
                continue;
            }
            try {
                payload.set(field, sealed(key.get(), field, json.writeValueAsBytes(value), json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Opens, in place, every sealed value among a payload's fields (whatever its type and version, so
     * it can run before upcasting). A value whose key is gone reads as null: the erased marker.
     */
    public static void open(ObjectNode payload, Keyring keys, ObjectMapper json) {
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (isSealed(field.getValue())) {
                field.setValue(opened(field.getKey(), (ObjectNode) field.getValue(), keys, json));
            }
        }
    }

    /** Every text among an event's personal values (nested lists and records too), e.g. to find traces of them. */
    public static List<String> texts(Object payload, ObjectMapper json) {
        List<String> texts = new ArrayList<>();
        if (payload == null || !hasPersonal(payload.getClass())) {
            return texts;
        }
        JsonNode tree = json.valueToTree(payload);
        for (String field : shape(payload.getClass()).personal()) {
            collect(tree.get(field), texts);
        }
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, texts));
        }
    }

    /**
     * Whether a payload's JSON text may hold a sealed value: a key "enc" cannot occur inside a JSON string
     * (its quotes would be escaped), so without it the payload is read straight, without a tree. Only the
     * key is looked for: PostgreSQL's jsonb writes a space after the colon, the codec none.
     */
    public static boolean mayBeSealed(String payloadJson) {
        return payloadJson.contains("\"enc\"");
    }

    /** Whether a JSON value is a sealed personal value. */
    public static boolean isSealed(JsonNode value) {
        return value != null
                && value.isObject()
                && FORMAT.equals(value.path("enc").asText(null))
                && value.hasNonNull("kid")
                && value.hasNonNull("ct");
    }

    private static ObjectNode sealed(DataKey key, String field, byte[] plain, ObjectMapper json) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(key.id(), field));
            byte[] ct = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + ct.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            ObjectNode node = json.createObjectNode();
            node.put("enc", FORMAT)
                    .put("kid", key.id())
                    .put("ct", Base64.getEncoder().encodeToString(out));
            return node;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a personal value", e);
        }
    }

    private static JsonNode opened(String field, ObjectNode sealed, Keyring keys, ObjectMapper json) {
        String kid = sealed.get("kid").asText();
        Optional<SecretKey> key = keys.opening(kid);
        if (key.isEmpty()) {
            return NullNode.getInstance();
        }
        byte[] in = Base64.getDecoder().decode(sealed.get("ct").asText());
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(aad(kid, field));
            return json.readTree(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES));
        } catch (GeneralSecurityException e) { // a wrong key or a changed value: never read as something else
            throw new IllegalStateException("Personal value " + field + " does not open with key " + kid, e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String keyId, String field) {
        return (keyId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
