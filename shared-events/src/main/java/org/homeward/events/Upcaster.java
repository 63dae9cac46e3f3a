package org.homeward.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the payload of {@code eventType} stored at {@code fromVersion} into the next version's shape.
 * The ones in use are listed in {@link org.homeward.events.upcast.Upcasters}.
 */
public interface Upcaster {
    String eventType();

    int fromVersion();

    ObjectNode upcast(ObjectNode payload);

    /** A record with the older version's fields, from which its JSON Schema is derived; null if undescribed. */
    default Class<? extends Record> fromShape() {
        return null;
    }
}
