package org.homeward.intake.person;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.FamilyFoundNoted;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/** The person record the station works from: current identity, fragments, family-search news. */
@ApplicationScoped
public class PersonViews implements LocalProjection {

    public record FragmentView(
            UUID fragmentId,
            String kind,
            String value,
            String source,
            String collectedBy,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt) {}

    public record PersonView(
            UUID personId,
            String name,
            String sex,
            Integer estimatedAge,
            String hometown,
            String description,
            String identityStatus,
            OffsetDateTime identityConfirmedAt,
            OffsetDateTime familyFoundAt,
            UUID familySearchCaseId,
            long version) {}

    @Override
    public List<String> tables() {
        return List.of("person_view", "fragment_view");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof PersonEvent payload)) {
            return;
        }
        if (payload instanceof PersonRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO person_view (person_id, name, sex, estimated_age, hometown, description, "
                            + "identity_confirmed_at, version, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.personId(),
                    e.name(),
                    e.sex().name(),
                    e.estimatedAge(),
                    e.hometown(),
                    e.description(),
                    e.identified() ? event.occurredAt() : null,
                    event.streamVersion(),
                    event.occurredAt());
            return;
        }
        if (payload instanceof IdentityFragmentRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO fragment_view VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    e.fragmentId(),
                    e.personId(),
                    e.kind().name(),
                    e.value(),
                    e.source().name(),
                    e.collectedBy(),
                    event.occurredAt(),
                    event.recordedAt());
        } else if (payload instanceof IdentityConfirmed e) {
            Sql.update(
                    c,
                    "UPDATE person_view SET name = ?, hometown = ?, identity_confirmed_at = ? WHERE person_id = ?",
                    e.name(),
                    e.hometown(),
                    event.occurredAt(),
                    e.personId());
        } else if (payload instanceof IdentityCorrected e) {
            Sql.update(
                    c,
                    "UPDATE person_view SET name = ?, hometown = ? WHERE person_id = ?",
                    e.name(),
                    e.hometown(),
                    e.personId());
        } else if (payload instanceof FamilyFoundNoted e) {
            Sql.update(
                    c,
                    "UPDATE person_view SET family_found_at = ?, family_found_case = ? WHERE person_id = ?",
                    event.occurredAt(),
                    e.searchCaseId(),
                    e.personId());
        }
        Sql.update(
                c, "UPDATE person_view SET version = ? WHERE person_id = ?", event.streamVersion(), payload.personId());
    }

    /** The records that read as the same person as {@code personId}: the survivor first, then those merged into it. */
    public List<UUID> records(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT r FROM person_records(?) r ORDER BY r = survivor_of(?) DESC, r",
                rs -> rs.getObject(1, UUID.class),
                personId,
                personId);
    }

    /** The person {@code personId} reads as: the survivor's record when it was merged away (ADR 23). */
    public Optional<PersonView> find(Connection c, UUID personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM person_view WHERE person_id = survivor_of(?)")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime confirmed = rs.getObject("identity_confirmed_at", OffsetDateTime.class);
                return Optional.of(new PersonView(
                        rs.getObject("person_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("sex"),
                        (Integer) rs.getObject("estimated_age", Integer.class),
                        rs.getString("hometown"),
                        rs.getString("description"),
                        identityStatus(confirmed != null, rs.getObject("family_found_at") != null),
                        confirmed,
                        rs.getObject("family_found_at", OffsetDateTime.class),
                        rs.getObject("family_found_case", UUID.class),
                        rs.getLong("version")));
            }
        }
    }

    /**
     * CONFIRMED, UNIDENTIFIED, or IDENTITY_REQUESTED (待确认身份): the family was found but no one has
     * recorded the identity yet — staff are asked to confirm it (name, hometown). Reports already count
     * such a person as identified from the family-found date (docs/definitions.md).
     */
    public static String identityStatus(boolean confirmed, boolean familyFound) {
        return confirmed ? "CONFIRMED" : familyFound ? "IDENTITY_REQUESTED" : "UNIDENTIFIED";
    }

    /** The fragments of every record that reads as this person (merged records too). */
    public List<FragmentView> fragments(Connection c, UUID personId) throws SQLException {
        List<FragmentView> fragments = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM fragment_view "
                + "WHERE person_id IN (SELECT person_records(?)) ORDER BY occurred_at, recorded_at, fragment_id")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fragments.add(new FragmentView(
                            rs.getObject("fragment_id", UUID.class),
                            rs.getString("kind"),
                            rs.getString("value"),
                            rs.getString("source"),
                            rs.getString("collected_by"),
                            rs.getObject("occurred_at", OffsetDateTime.class),
                            rs.getObject("recorded_at", OffsetDateTime.class)));
                }
            }
        }
        return fragments;
    }
}
