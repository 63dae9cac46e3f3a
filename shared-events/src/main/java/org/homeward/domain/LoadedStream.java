package org.homeward.domain;

import java.util.List;
import org.homeward.events.EventEnvelope;

/** A stream's events in order and its version (0 when it has none). */
public record LoadedStream(StreamId id, long version, List<EventEnvelope> events) {
    public boolean isEmpty() {
        return events.isEmpty();
    }
}
