package org.homeward.intake.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.events.personal.PersonalValues;
import org.homeward.eventstore.Metadata;
import org.homeward.intake.person.ErasedPersons;
import org.homeward.intake.person.Person;
import org.homeward.intake.person.PersonViews;
import org.homeward.intake.referral.Referral;
import org.homeward.intake.stay.Stay;
import org.homeward.platform.erasure.ErasureAudit;
import org.homeward.platform.erasure.PersonalTraces;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Erasing a person (ADR 33), in one transaction: {@code PersonErased} is appended to every record of
 * the person (the record named and the records merged with it, ADR 35; its projection clears the views),
 * the traces of their values outside the events are redacted (read from their own events while the keys
 * still open them), and the keys of the records and of their stays are destroyed. After the commit this instance forgets the keys it had cached.
 */
@ApplicationScoped
public class PersonErasure {
    private final EventSourcing sourcing;
    private final PersonKeys keys;
    private final ErasedPersons erased;
    private final PersonViews persons;

    public PersonErasure(EventSourcing sourcing, PersonKeys keys, ErasedPersons erased, PersonViews persons) {
        this.sourcing = sourcing;
        this.keys = keys;
        this.erased = erased;
        this.persons = persons;
    }

    public ErasedPersons.Erasure erase(UUID personId, String reason, Metadata meta, ErasureAudit audit) {
        List<UUID> destroyed = new ArrayList<>();
        ErasedPersons.Erasure erasure = sourcing.inTransaction(c -> {
            destroyed.clear();
            // the record named decides (unknown 404, no reason 400, erased already 409); then every other
            // record of the person (the merge group, ADR 31), as a survivor's values show its merged records'
            sourcing.execute(
                    c,
                    StreamId.of(Person.STREAM, personId),
                    null,
                    Person::from,
                    p -> p.erase(reason, BusinessTime.now()),
                    meta);
            List<UUID> records = persons.records(c, personId);
            for (UUID record : records) {
                if (!record.equals(personId)) {
                    sourcing.execute(
                            c,
                            StreamId.of(Person.STREAM, record),
                            null,
                            Person::from,
                            p -> p.erased() ? List.of() : p.erase(reason, BusinessTime.now()),
                            meta);
                }
            }
            Map<UUID, StreamId> subjects = new LinkedHashMap<>(); // each data subject, and the stream of its values
            for (UUID record : records) {
                subjects.put(record, StreamId.of(Person.STREAM, record));
                for (UUID stay : Sql.list(
                        c,
                        "SELECT stay_id FROM stay_view WHERE person_id = ?",
                        rs -> rs.getObject(1, UUID.class),
                        record)) {
                    subjects.put(stay, StreamId.of(Stay.STREAM, stay));
                }
                // the referrals from outreach the person arrived by: the name each gave (ADR 35)
                for (UUID referral : Sql.list(
                        c,
                        "SELECT referral_id FROM referral_view WHERE stay_id IN "
                                + "(SELECT stay_id FROM stay_view WHERE person_id = ?)",
                        rs -> rs.getObject(1, UUID.class),
                        record)) {
                    subjects.put(referral, StreamId.of(Referral.STREAM, referral));
                }
            }
            // the reasons of the merges each record was ever in, undone ones too: sealed with the merge's own key
            // (both records' copies), which goes with either record, as the reason speaks of both
            for (UUID record : records) {
                for (EventEnvelope event : sourcing.store()
                        .load(c, StreamId.of(Person.STREAM, record))
                        .events()) {
                    if (event.payload() instanceof PersonMerged m) {
                        subjects.putIfAbsent(m.mergeId(), StreamId.of(Person.STREAM, record));
                    } else if (event.payload() instanceof PersonUnmerged u) {
                        subjects.putIfAbsent(u.mergeId(), StreamId.of(Person.STREAM, record));
                    }
                }
            }
            destroyed.addAll(subjects.keySet());
            // the values still open: the keys are destroyed last
            Set<String> values = values(c, subjects.values());
            for (UUID record : records) {
                PersonalTraces.redact(c, record, values);
            }
            keys.destroy(c, subjects.keySet());
            audit.erased(c, records);
            return erased.of(c, personId).orElseThrow();
        });
        keys.forget(destroyed);
        return erasure;
    }

    /** Every personal text recorded about the person, as their events (and their stays' and referrals') still tell it. */
    private Set<String> values(Connection c, Collection<StreamId> streams) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        for (StreamId stream : streams) {
            for (EventEnvelope event : sourcing.store().load(c, stream).events()) {
                values.addAll(PersonalValues.texts(
                        event.payload(), sourcing.store().codec().mapper()));
            }
        }
        return values;
    }
}
