package org.homeward.events.personal;

import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * A data subject's key: {@code id} is {@code <owner service>:<subject id>:<version>}, written beside
 * each sealed value so a reader knows whom to ask for it.
 */
public record DataKey(String id, SecretKey key) {

    public static String id(String owner, UUID subject, int version) {
        return owner + ":" + subject + ":" + version;
    }

    /** The service that holds the key, from a key id. */
    public static String owner(String keyId) {
        int colon = keyId.indexOf(':');
        return colon < 0 ? "" : keyId.substring(0, colon);
    }

    /** The data subject, from a key id. */
    public static UUID subject(String keyId) {
        String[] parts = keyId.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a key id: " + keyId);
        }
        return UUID.fromString(parts[1]);
    }

    @Override
    public String toString() { // never the key material in a log line
        return "DataKey[" + id + "]";
    }
}
