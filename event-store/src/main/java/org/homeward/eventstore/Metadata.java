package org.homeward.eventstore;

import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.EventEnvelope;

/** Who asked, and which request or event this append answers. */
public record Metadata(Actor actor, UUID correlationId, UUID causationId) {
    public static Metadata of(Actor actor) {
        return new Metadata(actor, UUID.randomUUID(), null);
    }

    /** For work caused by another service's event: keep its correlation, name it as the cause. */
    public static Metadata causedBy(EventEnvelope cause) {
        UUID correlation = cause.correlationId() != null ? cause.correlationId() : cause.eventId();
        return new Metadata(Actor.SYSTEM, correlation, cause.eventId());
    }
}
