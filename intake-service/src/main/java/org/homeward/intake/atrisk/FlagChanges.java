package org.homeward.intake.atrisk;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.intake.person.Person;
import org.homeward.intake.person.PersonViews;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * What both the flags' commands and their reading start from: the person's registration (their estimated
 * age and when) and the flag changes of every record that reads as the person (ADR 23, 31).
 */
@ApplicationScoped
public class FlagChanges {
    record Registration(Integer estimatedAge, OffsetDateTime at) {}

    private final EventSourcing sourcing;
    private final PersonViews persons;

    public FlagChanges(EventSourcing sourcing, PersonViews persons) {
        this.sourcing = sourcing;
        this.persons = persons;
    }

    /** The person's own flag stream, where their changes are recorded. */
    LoadedStream own(Connection c, UUID personId) throws SQLException {
        return sourcing.store().load(c, StreamId.of(RiskFlags.STREAM, personId));
    }

    /**
     * The flag changes of every record that reads as the person {@code survivor} (ADR 23, 31): its own stream
     * ({@code own}) and those of the records merged into it, in business-time order.
     */
    List<EventEnvelope> of(Connection c, UUID survivor, LoadedStream own) throws SQLException {
        List<EventEnvelope> changes = new ArrayList<>(own.events());
        for (UUID record : persons.records(c, survivor)) {
            if (!record.equals(survivor)) {
                changes.addAll(own(c, record).events());
            }
        }
        changes.sort(Comparator.comparing(EventEnvelope::occurredAt).thenComparing(EventEnvelope::recordedAt));
        return changes;
    }

    /** The person's registration, from their own stream; an unknown person is 404 naming {@code personId}. */
    Registration registration(Connection c, UUID personId) throws SQLException {
        for (EventEnvelope e :
                sourcing.store().load(c, StreamId.of(Person.STREAM, personId)).events()) {
            if (e.payload() instanceof PersonRegistered r) {
                return new Registration(r.estimatedAge(), e.occurredAt());
            }
        }
        throw new HomewardException(
                404,
                "Not Found",
                "Person " + personId + " is not known",
                List.of(new FieldError("personId", "no such person")));
    }

    /** Flags are set and cleared on the survivor, not on a record merged away (409 naming it, ADR 23). */
    void requireActive(Connection c, UUID personId) throws SQLException {
        Person.from(sourcing.store().load(c, StreamId.of(Person.STREAM, personId)))
                .requireActive();
    }
}
