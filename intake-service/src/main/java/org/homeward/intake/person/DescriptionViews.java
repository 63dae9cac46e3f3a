package org.homeward.intake.person;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.PhotoAdded;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/** What a person looks like: the current physical description and the photos on record. */
@ApplicationScoped
public class DescriptionViews implements LocalProjection {
    /** Plain JSON for the jsonb columns: event values, not answers, so no field policy here. */
    private static final ObjectMapper JSON = new ObjectMapper();

    public record DescriptionView(
            Integer heightMinCm,
            Integer heightMaxCm,
            String build,
            String hair,
            List<DistinguishingMark> marks,
            @Classified(DataClass.HEALTH) List<String> disabilities,
            List<String> languages,
            String clothingAtAdmission,
            OffsetDateTime describedAt,
            String describedBy) {}

    public record PhotoView(
            String sha256, String contentType, long sizeBytes, String kind, OffsetDateTime addedAt, String href) {}

    @Override
    public List<String> tables() {
        return List.of("person_description_view", "person_photo_view");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof DescriptionRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO person_description_view VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?) "
                            + "ON CONFLICT (person_id) DO UPDATE SET height_min_cm = excluded.height_min_cm, "
                            + "height_max_cm = excluded.height_max_cm, build = excluded.build, hair = excluded.hair, "
                            + "marks = excluded.marks, disabilities = excluded.disabilities, languages = excluded.languages, "
                            + "clothing_at_admission = excluded.clothing_at_admission, described_at = excluded.described_at, "
                            + "described_by = excluded.described_by",
                    e.personId(),
                    e.heightMinCm(),
                    e.heightMaxCm(),
                    e.build(),
                    e.hair(),
                    json(e.marks()),
                    json(e.disabilities()),
                    json(e.languages()),
                    e.clothingAtAdmission(),
                    event.occurredAt(),
                    event.actor() == null ? null : event.actor().subject());
        } else if (event.payload() instanceof PhotoAdded e) {
            Sql.update(
                    c,
                    "INSERT INTO person_photo_view VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.personId(),
                    e.sha256(),
                    e.contentType(),
                    e.sizeBytes(),
                    e.kind(),
                    event.occurredAt());
        }
    }

    /** The survivor's description, else the latest of a record merged into it (ADR 23). */
    public Optional<DescriptionView> description(Connection c, UUID personId) throws SQLException {
        return Sql.one(
                c,
                "SELECT * FROM person_description_view WHERE person_id IN (SELECT person_records(?)) "
                        + "ORDER BY person_id = survivor_of(?) DESC, described_at DESC LIMIT 1",
                rs -> new DescriptionView(
                        rs.getObject("height_min_cm", Integer.class),
                        rs.getObject("height_max_cm", Integer.class),
                        rs.getString("build"),
                        rs.getString("hair"),
                        read(rs.getString("marks"), new TypeReference<List<DistinguishingMark>>() {}),
                        read(rs.getString("disabilities"), new TypeReference<List<String>>() {}),
                        read(rs.getString("languages"), new TypeReference<List<String>>() {}),
                        rs.getString("clothing_at_admission"),
                        rs.getObject("described_at", OffsetDateTime.class),
                        rs.getString("described_by")),
                personId,
                personId);
    }

    public List<PhotoView> photos(Connection c, UUID personId) throws SQLException {
        // every record's photos that reads as this person, a photo on two of them once
        return Sql.list(
                c,
                "SELECT * FROM (SELECT DISTINCT ON (sha256) * FROM person_photo_view "
                        + "WHERE person_id IN (SELECT person_records(?)) ORDER BY sha256, added_at) p ORDER BY added_at, sha256",
                rs -> new PhotoView(
                        rs.getString("sha256"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("kind"),
                        rs.getObject("added_at", OffsetDateTime.class),
                        "/api/persons/" + personId + "/photos/" + rs.getString("sha256")),
                personId);
    }

    public Optional<PhotoView> photo(Connection c, UUID personId, String sha256) throws SQLException {
        return photos(c, personId).stream()
                .filter(p -> p.sha256().equals(sha256))
                .findFirst();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
