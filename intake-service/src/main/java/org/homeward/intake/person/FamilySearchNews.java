package org.homeward.intake.person;

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
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;

/** When the family-search team finds a family, the person's record says so until discharge. */
@ApplicationScoped
public class FamilySearchNews extends ChannelConsumer {
    private static final Logger LOG = Logger.getLogger(FamilySearchNews.class);
    private final EventSourcing sourcing;

    public FamilySearchNews(IncomingEvents incoming, EventSourcing sourcing) {
        super(incoming, "search-events", "intake.family-search", Set.of(FamilyFound.class));
        this.sourcing = sourcing;
    }

    @Incoming("search-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> poll) {
        return accept("search-events", poll);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof FamilyFound e) {
            StreamId stream = StreamId.of(Person.STREAM, e.personId());
            LoadedStream loaded = sourcing.store().load(c, stream);
            Person person = Person.from(loaded);
            if (!person.exists()) {
                LOG.warnf("Family found for person %s, who is not known here", e.personId());
                return;
            }
            sourcing.append(
                    c,
                    stream,
                    loaded.version(),
                    person.noteFamilyFound(e.caseId(), event.occurredAt()),
                    Metadata.causedBy(event));
        }
    }
}
