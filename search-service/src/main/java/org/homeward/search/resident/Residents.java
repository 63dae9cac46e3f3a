package org.homeward.search.resident;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayList;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.platform.sourcing.Sql;

/**
 * The facts about residents that candidate matching compares with missing-person reports, kept
 * from intake's events by the intake consumer ({@code KnownPersons}) in the same transaction.
 */
@ApplicationScoped
public class Residents {

    public record Fragment(String kind, String value, OffsetDateTime recordedAt) {
    }

    public record Resident(UUID personId, String name, String sex, Integer estimatedAge, String hometown,
                           String description, String stationId, OffsetDateTime admittedAt, UUID openCaseId,
                           List<Fragment> fragments) {
    }

    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PersonRegistered e) {
            Sql.update(c, "INSERT INTO known_person (person_id, name, sex, estimated_age, hometown, description) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, sex = excluded.sex, "
                    + "estimated_age = excluded.estimated_age, hometown = excluded.hometown, description = excluded.description",
                    e.personId(), e.name(), e.sex(), e.estimatedAge(), e.hometown(), e.description());
        } else if (event.payload() instanceof IdentityFragmentRecorded e) {
            Sql.update(c, "INSERT INTO resident_fragment VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.fragmentId(),
                    e.personId(), e.kind(), e.value(), event.occurredAt());
        } else if (event.payload() instanceof IdentityConfirmed e) {
            identity(c, e.personId(), e.name(), e.hometown());
        } else if (event.payload() instanceof IdentityCorrected e) {
            identity(c, e.personId(), e.name(), e.hometown());
        } else if (event.payload() instanceof PersonAdmitted e) {
            Sql.update(c, "INSERT INTO known_person (person_id, station_id, admitted_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (person_id) DO UPDATE SET station_id = excluded.station_id, admitted_at = excluded.admitted_at "
                    + "WHERE known_person.admitted_at IS NULL OR known_person.admitted_at < excluded.admitted_at",
                    e.personId(), e.stationId(), event.occurredAt());
        }
    }

    private static void identity(Connection c, UUID personId, String name, String hometown) throws SQLException {
        Sql.update(c, "INSERT INTO known_person (person_id, name, hometown) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE "
                + "SET name = coalesce(excluded.name, known_person.name), hometown = coalesce(excluded.hometown, known_person.hometown)",
                personId, name, hometown);
    }

    public Optional<Resident> find(Connection c, UUID personId) throws SQLException {
        return residents(c, "WHERE k.person_id = ?", personId).stream().findFirst();
    }

    /** Residents whose family is being sought: those with an open search case. */
    public List<Resident> withOpenCase(Connection c) throws SQLException {
        return residents(c, "WHERE s.case_id IS NOT NULL");
    }

    private static List<Resident> residents(Connection c, String where, Object... values) throws SQLException {
        Map<UUID, List<Fragment>> fragments = new HashMap<>();
        String fragmentWhere = values.length == 0 ? "" : "WHERE person_id = ?";
        for (Map.Entry<UUID, Fragment> f : Sql.list(c, "SELECT * FROM resident_fragment " + fragmentWhere + " ORDER BY recorded_at",
                rs -> Map.entry(rs.getObject("person_id", UUID.class), new Fragment(rs.getString("kind"), rs.getString("value"),
                        rs.getObject("recorded_at", OffsetDateTime.class))), values)) {
            fragments.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue());
        }
        return Sql.list(c, "SELECT k.*, s.case_id FROM known_person k LEFT JOIN search_case s ON s.person_id = k.person_id "
                + "AND s.closed_at IS NULL " + where, rs -> row(rs, fragments), values);
    }

    private static Resident row(ResultSet rs, Map<UUID, List<Fragment>> fragments) throws SQLException {
        UUID id = rs.getObject("person_id", UUID.class);
        return new Resident(id, rs.getString("name"), rs.getString("sex"), (Integer) rs.getObject("estimated_age"),
                rs.getString("hometown"), rs.getString("description"), rs.getString("station_id"),
                rs.getObject("admitted_at", OffsetDateTime.class), rs.getObject("case_id", UUID.class),
                fragments.getOrDefault(id, List.of()));
    }
}
