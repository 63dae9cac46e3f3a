package org.homeward.domain;

import java.util.UUID;

/** One aggregate's stream: its type (e.g. {@code stay}) and id. */
public record StreamId(String type, String id) {
    public static StreamId of(String type, UUID id) {
        return new StreamId(type, id.toString());
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
