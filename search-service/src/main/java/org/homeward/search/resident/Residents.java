package org.homeward.search.resident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.sourcing.Sql;

/**
 * The facts about residents that candidate matching compares with missing-person reports, kept
 * from intake's events by the intake consumer ({@code KnownPersons}) in the same transaction.
 */
@ApplicationScoped
public class Residents {

    private final Instance<ResidentListener> listeners;
    private final PersonKeys keys;

    public Residents(Instance<ResidentListener> listeners, PersonKeys keys) {
        this.listeners = listeners;
        this.keys = keys;
    }

    public record Fragment(String kind, String value, OffsetDateTime recordedAt) {}

    public record Resident(
            UUID personId,
            String name,
            String sex,
            Integer estimatedAge,
            String hometown,
            String description,
            String stationId,
            OffsetDateTime admittedAt,
            UUID openCaseId,
            List<Fragment> fragments,
            List<String> languages,
            List<String> marks) {}

    public void apply(Connection c, EventEnvelope event) throws SQLException {
        UUID changed = facts(c, event);
        if (changed != null) {
            for (ResidentListener listener : listeners) {
                listener.residentChanged(c, changed, event.occurredAt());
            }
        }
    }

    /** Applies one event; answers the person whose facts changed, if any. */
    private UUID facts(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PersonRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO known_person (person_id, name, sex, estimated_age, hometown, description) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, sex = excluded.sex, "
                            + "estimated_age = excluded.estimated_age, hometown = excluded.hometown, description = excluded.description",
                    e.personId(),
                    e.name(),
                    e.sex(),
                    e.estimatedAge(),
                    e.hometown(),
                    e.description());
            return e.personId();
        } else if (event.payload() instanceof PersonEvent.PersonErased e) {
            // intake destroyed the person's key (ADR 33): drop every copy of their values; re-scoring then
            // finds nothing to match on, so their candidate pairs go too
            Sql.update(
                    c,
                    "UPDATE known_person SET name = NULL, hometown = NULL, description = NULL, languages = NULL, "
                            + "marks = NULL WHERE person_id = ?",
                    e.personId());
            Sql.update(c, "DELETE FROM resident_fragment WHERE person_id = ?", e.personId());
            keys.forget(List.of(e.personId()));
            return e.personId();
        } else if (event.payload() instanceof IdentityFragmentRecorded e) {
            if (e.value() == null) { // sealed with a key destroyed since: an erased person's fragment
                return null;
            }
            Sql.update(
                    c,
                    "INSERT INTO resident_fragment VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.fragmentId(),
                    e.personId(),
                    e.kind(),
                    e.value(),
                    event.occurredAt());
            return e.personId();
        } else if (event.payload() instanceof IdentityConfirmed e) {
            identity(c, e.personId(), e.name(), e.hometown());
            return e.personId();
        } else if (event.payload() instanceof IdentityCorrected e) {
            identity(c, e.personId(), e.name(), e.hometown());
            return e.personId();
        } else if (event.payload() instanceof DescriptionRecorded e) {
            // languages and dialects heard count as accents; marks are compared with a report's description
            Sql.update(
                    c,
                    "INSERT INTO known_person (person_id, languages, marks) VALUES (?, ?, ?) ON CONFLICT (person_id) "
                            + "DO UPDATE SET languages = excluded.languages, marks = excluded.marks",
                    e.personId(),
                    texts(e.languages()),
                    texts(
                            e.marks() == null
                                    ? List.of()
                                    : e.marks().stream()
                                            .map(m -> (m.bodyLocation() == null ? "" : m.bodyLocation())
                                                    + (m.text() == null ? "" : m.text()))
                                            .toList()));
            return e.personId();
        } else if (event.payload() instanceof PersonAdmitted e) {
            Sql.update(
                    c,
                    "INSERT INTO known_person (person_id, station_id, admitted_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (person_id) DO UPDATE SET station_id = excluded.station_id, admitted_at = excluded.admitted_at "
                            + "WHERE known_person.admitted_at IS NULL OR known_person.admitted_at < excluded.admitted_at",
                    e.personId(),
                    e.stationId(),
                    event.occurredAt());
            return e.personId();
        }
        return null;
    }

    private static String[] texts(List<String> values) {
        return values == null
                ? new String[0]
                : values.stream().filter(v -> v != null && !v.isBlank()).toArray(String[]::new);
    }

    private static void identity(Connection c, UUID personId, String name, String hometown) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO known_person (person_id, name, hometown) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE "
                        + "SET name = coalesce(excluded.name, known_person.name), hometown = coalesce(excluded.hometown, known_person.hometown)",
                personId,
                name,
                hometown);
    }

    /** The records that read as the person: the survivor and those merged into it (ADR 23), or the person alone. */
    public List<UUID> recordsOf(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT r FROM person_records(?) r ORDER BY r = survivor_of(?) DESC, r",
                rs -> rs.getObject(1, UUID.class),
                personId,
                personId);
    }

    /** The person each record reads as (its survivor while merged away). */
    public Map<UUID, UUID> survivorsOf(Connection c, Collection<UUID> personIds) throws SQLException {
        Map<UUID, UUID> survivors = new HashMap<>();
        for (UUID[] pair : Sql.list(
                c,
                "SELECT p, survivor_of(p) FROM unnest(?::uuid[]) p",
                rs -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)},
                (Object) personIds.stream().map(UUID::toString).toArray(String[]::new))) {
            survivors.put(pair[0], pair[1]);
        }
        return survivors;
    }

    public Optional<Resident> find(Connection c, UUID personId) throws SQLException {
        return residents(c, "WHERE k.person_id = ?", personId).stream().findFirst();
    }

    /** Residents whose family is being sought: those with an open search case. */
    public List<Resident> withOpenCase(Connection c) throws SQLException {
        return residents(c, "WHERE s.case_id IS NOT NULL");
    }

    /** Residents with an open search case holding any of the blocking keys (GIN index on match_keys, ADR 0015). */
    public List<Resident> withOpenCaseMatching(Connection c, Collection<String> keys) throws SQLException {
        return residents(
                c, "WHERE s.case_id IS NOT NULL AND k.match_keys && ?::text[]", (Object) keys.toArray(String[]::new));
    }

    /** The blocking keys a resident is found by (computed by candidate matching). */
    public void keys(Connection c, UUID personId, Collection<String> keys) throws SQLException {
        Sql.update(
                c, "UPDATE known_person SET match_keys = ? WHERE person_id = ?", keys.toArray(String[]::new), personId);
    }

    /** Residents whose facts were recorded before blocking keys existed. */
    public List<UUID> unkeyed(Connection c) throws SQLException {
        return Sql.list(
                c, "SELECT person_id FROM known_person WHERE match_keys IS NULL", rs -> rs.getObject(1, UUID.class));
    }

    private static List<Resident> residents(Connection c, String where, Object... values) throws SQLException {
        List<Resident> found = Sql.list(
                c,
                "SELECT k.*, s.case_id FROM known_person k LEFT JOIN search_case s "
                        + "ON s.person_id = k.person_id AND s.closed_at IS NULL " + where,
                rs -> row(rs, Map.of()),
                values);
        if (found.isEmpty()) {
            return found;
        }
        Map<UUID, List<Fragment>> fragments = new HashMap<>();
        String[] ids = found.stream().map(r -> r.personId().toString()).toArray(String[]::new);
        for (Map.Entry<UUID, Fragment> f : Sql.list(
                c,
                "SELECT * FROM resident_fragment WHERE person_id = ANY(?::uuid[]) ORDER BY recorded_at",
                rs -> Map.entry(
                        rs.getObject("person_id", UUID.class),
                        new Fragment(
                                rs.getString("kind"),
                                rs.getString("value"),
                                rs.getObject("recorded_at", OffsetDateTime.class))),
                (Object) ids)) {
            fragments.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue());
        }
        return found.stream()
                .map(r -> new Resident(
                        r.personId(),
                        r.name(),
                        r.sex(),
                        r.estimatedAge(),
                        r.hometown(),
                        r.description(),
                        r.stationId(),
                        r.admittedAt(),
                        r.openCaseId(),
                        fragments.getOrDefault(r.personId(), List.of()),
                        r.languages(),
                        r.marks()))
                .toList();
    }

    private static Resident row(ResultSet rs, Map<UUID, List<Fragment>> fragments) throws SQLException {
        UUID id = rs.getObject("person_id", UUID.class);
        return new Resident(
                id,
                rs.getString("name"),
                rs.getString("sex"),
                (Integer) rs.getObject("estimated_age"),
                rs.getString("hometown"),
                rs.getString("description"),
                rs.getString("station_id"),
                rs.getObject("admitted_at", OffsetDateTime.class),
                rs.getObject("case_id", UUID.class),
                fragments.getOrDefault(id, List.of()),
                array(rs, "languages"),
                array(rs, "marks"));
    }

    private static List<String> array(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
