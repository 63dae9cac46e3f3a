package org.homeward.intake.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.personal.PersonalValues;
import org.homeward.eventstore.Metadata;
import org.homeward.intake.person.ErasedPersons;
import org.homeward.intake.person.Person;
import org.homeward.intake.stay.Stay;
import org.homeward.platform.erasure.PersonalTraces;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Erasing a person (ADR 33), in one transaction: the traces of their values outside the events are
 * redacted (read from their own events while the keys still open them), {@code PersonErased} is
 * appended (its projection clears the views), and the keys of the person and of their stays are
 * destroyed. After the commit this instance forgets the keys it had cached.
 */
@ApplicationScoped
public class PersonErasure {
    private final EventSourcing sourcing;
    private final PersonKeys keys;
    private final ErasedPersons erased;

    public PersonErasure(EventSourcing sourcing, PersonKeys keys, ErasedPersons erased) {
        this.sourcing = sourcing;
        this.keys = keys;
        this.erased = erased;
    }

    public ErasedPersons.Erasure erase(UUID personId, String reason, Metadata meta) {
        List<UUID> subjects = new ArrayList<>();
        ErasedPersons.Erasure erasure = sourcing.inTransaction(c -> {
            subjects.clear();
            subjects.add(personId);
            subjects.addAll(Sql.list(
                    c,
                    "SELECT stay_id FROM stay_view WHERE person_id = ?",
                    rs -> rs.getObject(1, UUID.class),
                    personId));
            PersonalTraces.redact(c, personId, values(c, subjects));
            sourcing.execute(
                    c,
                    StreamId.of(Person.STREAM, personId),
                    null,
                    Person::from,
                    p -> p.erase(reason, BusinessTime.now()),
                    meta);
            keys.destroy(c, subjects);
            return erased.of(c, personId).orElseThrow();
        });
        keys.forget(subjects);
        return erasure;
    }

    /** Every personal text recorded about the person and on their stays, as their events still tell it. */
    private Set<String> values(Connection c, List<UUID> subjects) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        List<EventEnvelope> events = new ArrayList<>(sourcing.store()
                .load(c, StreamId.of(Person.STREAM, subjects.get(0)))
                .events());
        for (UUID stay : subjects.subList(1, subjects.size())) {
            events.addAll(
                    sourcing.store().load(c, StreamId.of(Stay.STREAM, stay)).events());
        }
        for (EventEnvelope event : events) {
            values.addAll(PersonalValues.texts(
                    event.payload(), sourcing.store().codec().mapper()));
        }
        return values;
    }
}
