package org.homeward.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope every event travels in (SPEC §2). {@code occurredAt} is business time (when it
 * happened), {@code recordedAt} is when the platform learned it: statistics use the former.
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String streamType,
        String streamId,
        long streamVersion,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        Actor actor,
        UUID correlationId,
        UUID causationId,
        DomainEvent payload) {

    @SuppressWarnings("unchecked")
    public <E extends DomainEvent> E payloadAs(Class<E> type) {
        return (E) payload;
    }
}
