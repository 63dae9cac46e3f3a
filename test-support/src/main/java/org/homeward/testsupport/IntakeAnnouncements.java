package org.homeward.testsupport;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;

/** Intake's events put on its topic by hand, as intake-service would announce them: for its consumers' tests. */
public final class IntakeAnnouncements {
    private IntakeAnnouncements() {}

    /** One event, first of its stream, in clear (as events recorded before sealing are). */
    public static void announce(String streamType, UUID streamId, DomainEvent payload, OffsetDateTime occurredAt) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                streamType,
                streamId.toString(),
                1,
                occurredAt,
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, streamId.toString(), new EventCodec().envelopeJson(envelope));
    }
}
