package org.homeward.intake.referral;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.EventSourcing;

/** A street case brought to the station becomes an expected arrival here. */
@ApplicationScoped
public class OutreachReferrals extends ChannelConsumer {
    private final EventSourcing sourcing;

    public OutreachReferrals(IncomingEvents incoming, EventSourcing sourcing) {
        super(incoming, "outreach-events", "intake.referrals", Set.of(OutcomeRecorded.class));
        this.sourcing = sourcing;
    }

    @Incoming("outreach-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> poll) {
        return accept("outreach-events", poll);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof OutcomeRecorded e
                && e.outcome() == StreetOutcome.ADMITTED_TO_STATION
                && e.referralId() != null) {
            StreamId stream = StreamId.of(Referral.STREAM, e.referralId());
            LoadedStream existing = sourcing.store().load(c, stream);
            if (existing.isEmpty()) {
                sourcing.append(
                        c,
                        stream,
                        0,
                        Referral.expect(e.referralId(), e.caseId(), e.stationId(), e.name(), event.occurredAt()),
                        Metadata.causedBy(event));
            }
        }
    }
}
