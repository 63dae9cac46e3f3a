package org.homeward.events.personal;

import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Where an {@link org.homeward.events.EventCodec} gets data keys. A service that owns personal
 * data seals with keys of its own key table; a consumer opens values with keys it may fetch from
 * their owner. Keys never travel on a topic.
 */
public interface Keyring {

    /** Seals nothing and opens nothing: every sealed value reads as erased (null). */
    Keyring NONE = new Keyring() {
        @Override
        public boolean seals() {
            return false;
        }

        @Override
        public Optional<DataKey> sealing(UUID subject) {
            return Optional.empty();
        }

        @Override
        public Optional<SecretKey> opening(String keyId) {
            return Optional.empty();
        }
    };

    /** Whether this keyring seals personal values when writing (else they are written in clear). */
    boolean seals();

    /**
     * The current key of {@code subject}, made on first need; empty once the subject was erased, and
     * then a new personal value of theirs is not kept at all (written as null).
     */
    Optional<DataKey> sealing(UUID subject);

    /** The key named, if it still exists and this service may use it; empty when it was destroyed. */
    Optional<SecretKey> opening(String keyId);
}
