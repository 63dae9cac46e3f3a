package org.homeward.intake.person;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/**
 * The persons erased (ADR 33), and the clearing of their values from every intake view when it happens.
 * A replay after the erasure needs no clearing (the values read as null once the keys are gone), so
 * the views rebuilt equal the views cleared.
 */
@ApplicationScoped
public class ErasedPersons implements LocalProjection {

    /** An erasure as the person record shows it: when, by whom, why. */
    public record Erasure(UUID personId, OffsetDateTime erasedAt, String erasedBy, String reason) {}

    @Override
    public List<String> tables() {
        return List.of("person_erasure");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof PersonErased e)) {
            return;
        }
        UUID p = e.personId();
        Sql.update(
                c,
                "INSERT INTO person_erasure VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                p,
                e.reason(),
                event.actor() == null ? null : event.actor().subject(),
                event.occurredAt(),
                event.recordedAt());
        Sql.update(c, "UPDATE person_view SET name = NULL, hometown = NULL, description = NULL WHERE person_id = ?", p);
        Sql.update(c, "UPDATE fragment_view SET value = NULL WHERE person_id = ?", p);
        Sql.update(
                c,
                "UPDATE person_description_view SET hair = NULL, marks = 'null', disabilities = 'null', "
                        + "languages = 'null', clothing_at_admission = NULL WHERE person_id = ?",
                p);
        Sql.update(c, "DELETE FROM person_name_key WHERE person_id = ?", p);
        Sql.update(c, "UPDATE duplicate_dismissal SET reason = NULL WHERE ? IN (person_a, person_b)", p);
        Sql.update(c, "UPDATE stay_view SET death_place = NULL, death_actions = NULL WHERE person_id = ?", p);
        Sql.update(
                c,
                "UPDATE exit_detail_view SET picked_up_by = NULL, destination = NULL "
                        + "WHERE stay_id IN (SELECT stay_id FROM stay_view WHERE person_id = ?)",
                p);
        // the name a street case's referral gave (sealed with the referral's key, destroyed with the person's)
        Sql.update(
                c,
                "UPDATE referral_view SET name = NULL "
                        + "WHERE stay_id IN (SELECT stay_id FROM stay_view WHERE person_id = ?)",
                p);
        Sql.update(
                c,
                "UPDATE placement_decision_view SET note = NULL "
                        + "WHERE stay_id IN (SELECT stay_id FROM stay_view WHERE person_id = ?)",
                p);
        // a photo's bytes go unless a person not erased has the same picture
        Sql.update(
                c,
                "DELETE FROM photo_blob b WHERE b.sha256 IN (SELECT sha256 FROM person_photo_view WHERE person_id = ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM person_photo_view o WHERE o.sha256 = b.sha256 AND o.person_id <> ? "
                        + "AND o.person_id NOT IN (SELECT person_id FROM person_erasure))",
                p,
                p);
    }

    public Optional<Erasure> of(Connection c, UUID personId) throws SQLException {
        return Sql.one(
                c,
                "SELECT person_id, erased_at, erased_by, reason FROM person_erasure WHERE person_id = ?",
                rs -> new Erasure(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4)),
                personId);
    }
}
