package org.homeward.search.searchcase;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.OpeningReason;
import org.homeward.eventstore.LoadedStream;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.StreamId;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * What the family search learns from intake: an unidentified person admitted opens a case, a
 * discharge closes it, and each identity fragment gathered counts for the weekly review.
 */
@ApplicationScoped
public class KnownPersons extends ChannelConsumer {
    private final EventSourcing sourcing;
    private final SearchCaseViews cases;

    public KnownPersons(IncomingEvents incoming, EventSourcing sourcing, SearchCaseViews cases) {
        super(incoming, "intake-events", "search.intake");
        this.sourcing = sourcing;
        this.cases = cases;
    }

    @Incoming("intake-events")
    @Blocking(ordered = true) // one record at a time: a stream's events apply in their order
    public void on(String record) {
        accept("intake-events", record);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        Metadata meta = Metadata.causedBy(event);
        if (event.payload() instanceof PersonRegistered e) {
            Sql.update(c, "INSERT INTO known_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", e.personId());
        } else if (event.payload() instanceof IdentityFragmentRecorded e) {
            Sql.update(c, "INSERT INTO known_person (person_id, fragments) VALUES (?, 1) "
                    + "ON CONFLICT (person_id) DO UPDATE SET fragments = known_person.fragments + 1", e.personId());
        } else if (event.payload() instanceof PersonAdmitted e && !e.identified()) {
            Sql.update(c, "INSERT INTO known_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", e.personId());
            if (cases.openCaseOf(c, e.personId()).isEmpty()) {
                UUID caseId = UUID.randomUUID();
                sourcing.append(c, StreamId.of(SearchCase.STREAM, caseId), 0, SearchCase.open(caseId, e.personId(),
                        OpeningReason.UNIDENTIFIED_ADMISSION, e.stayId(), event.occurredAt()), meta);
            }
        } else if (event.payload() instanceof PersonDischarged e) {
            Optional<UUID> open = cases.openCaseOf(c, e.personId());
            if (open.isPresent()) {
                StreamId stream = StreamId.of(SearchCase.STREAM, open.get());
                LoadedStream loaded = sourcing.store().load(c, stream);
                sourcing.append(c, stream, loaded.version(),
                        SearchCase.from(loaded).close(ClosureReason.PERSON_DISCHARGED, event.occurredAt()), meta);
            }
        }
    }

    public boolean isKnown(Connection c, UUID personId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM known_person WHERE person_id = ?", rs -> true, personId).isPresent();
    }
}
