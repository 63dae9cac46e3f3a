package org.homeward.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the payload of {@code eventType} stored at {@code fromVersion} into the next version's shape. */
public interface Upcaster {
    String eventType();

    int fromVersion();

    ObjectNode upcast(ObjectNode payload);
}
