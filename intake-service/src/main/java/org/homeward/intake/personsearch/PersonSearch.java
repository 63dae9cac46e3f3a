package org.homeward.intake.personsearch;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.text.Pinyin;

/**
 * Finding a person: every name a person was known by (registered, confirmed, corrected, a name or
 * nickname heard) with its tone-less pinyin spellings and initials, and the one query over it, person_view
 * and stay_view. Old names stay: a returning client may give the name they gave last time.
 */
@ApplicationScoped
public class PersonSearch implements LocalProjection {

    /** What staff search by; null means "any". Ages are today's estimated age. */
    public record Criteria(
            String name,
            String sex,
            String hometown,
            Integer ageMin,
            Integer ageMax,
            String stationId,
            OffsetDateTime admittedFrom,
            OffsetDateTime admittedBefore,
            OffsetDateTime now,
            int limit,
            int offset) {}

    public record Row(
            UUID personId,
            String name,
            String sex,
            Integer estimatedAgeNow,
            String hometown,
            boolean identityConfirmed,
            OffsetDateTime registeredAt,
            String lastStationId,
            OffsetDateTime lastAdmittedAt,
            OffsetDateTime lastDischargedAt,
            long total) {}

    /** One name of a person that the name query matched, and how. */
    public record NameHit(UUID personId, String name, String source, String keyKind, String key) {}

    @Override
    public List<String> tables() {
        return List.of("person_name_key");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PersonRegistered e) {
            addName(c, e.personId(), e.name(), "REGISTERED");
        } else if (event.payload() instanceof IdentityConfirmed e) {
            addName(c, e.personId(), e.name(), "CONFIRMED");
        } else if (event.payload() instanceof IdentityCorrected e) {
            addName(c, e.personId(), e.name(), "CORRECTED");
        } else if (event.payload() instanceof IdentityFragmentRecorded e
                && (e.kind() == FragmentKind.NAME || e.kind() == FragmentKind.NICKNAME)) {
            addName(c, e.personId(), e.value(), e.kind().name());
        }
    }

    private static void addName(Connection c, UUID personId, String name, String source) throws SQLException {
        if (name == null || name.isBlank()) {
            return;
        }
        String text = name.strip();
        for (String key : Pinyin.spellings(text)) {
            insert(c, personId, text, source, "FULL", key);
        }
        // the pinyin of each later part too: a given name or the core of a nickname (阿强 in 小阿强) was often all that was
        // heard
        int[] starts = text.codePoints().toArray();
        for (int i = 1; i < starts.length; i++) {
            for (String key : Pinyin.spellings(new String(starts, i, starts.length - i))) {
                insert(c, personId, text, source, "PART", key);
            }
        }
        for (String key : Pinyin.initials(text)) {
            insert(c, personId, text, source, "INITIALS", key);
        }
    }

    private static void insert(Connection c, UUID personId, String name, String source, String kind, String key)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO person_name_key VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                personId,
                name,
                source,
                kind,
                key);
    }

    /**
     * A name condition on person_name_key k: characters anywhere in a name, or pinyin from the start of the name
     * or of a later part of it (prefix), or the initials of the whole name (exact).
     */
    private static final String NAME_MATCH =
            "(k.name LIKE ? ESCAPE '\\' OR (k.key_kind IN ('FULL', 'PART') AND k.key LIKE ?) "
                    + "OR (k.key_kind = 'INITIALS' AND k.key = ?))";

    private static Object[] nameParams(String name) {
        String key = Pinyin.typedKey(name);
        return new Object[] {
            "%" + likeEscaped(name.strip()) + "%", key.isEmpty() ? null : key + "%", key.isEmpty() ? null : key
        };
    }

    /**
     * A person found is a survivor or a record never merged (ADR 23): what was recorded on records merged
     * into it, at any depth (names, hometowns, stays; ADR 31), finds it. {@code %s} is a record's person column.
     */
    private static final String OF_P = "(%s = p.person_id OR %s IN (SELECT person_records(p.person_id)))";

    private static String ofP(String column) {
        return OF_P.formatted(column, column);
    }

    public List<Row> find(Connection c, Criteria q) throws SQLException {
        String ageNow = "(p.estimated_age + extract(year FROM age(?, p.registered_at))::int)";
        StringBuilder sql = new StringBuilder("SELECT p.person_id, p.name, p.sex, p.hometown, p.registered_at, "
                + "p.identity_confirmed_at IS NOT NULL AS confirmed, " + ageNow + " AS age_now, "
                + "last.station_id, last.admitted_at, last.discharged_at, count(*) OVER () AS total "
                + "FROM person_view p LEFT JOIN LATERAL (SELECT s.station_id, s.admitted_at, s.discharged_at "
                + "FROM stay_view s WHERE " + ofP("s.person_id") + " ORDER BY s.admitted_at DESC LIMIT 1) last ON true "
                + "WHERE NOT EXISTS (SELECT 1 FROM person_merge gone WHERE gone.merged_person_id = p.person_id "
                + "AND gone.unmerged_at IS NULL)");
        List<Object> params = new ArrayList<>(List.of(q.now()));
        if (q.name() != null) {
            sql.append(" AND p.person_id IN (SELECT survivor_of(k.person_id) FROM person_name_key k WHERE ")
                    .append(NAME_MATCH)
                    .append(')');
            params.addAll(Arrays.asList(nameParams(q.name())));
        }
        if (q.sex() != null) {
            sql.append(" AND p.sex = ?");
            params.add(q.sex());
        }
        if (q.hometown() != null) {
            sql.append(" AND (p.hometown LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM fragment_view f WHERE "
                    + ofP("f.person_id") + " AND f.kind = 'HOMETOWN' AND f.value LIKE ? ESCAPE '\\'))");
            String like = "%" + likeEscaped(q.hometown().strip()) + "%";
            params.add(like);
            params.add(like);
        }
        if (q.ageMin() != null) {
            sql.append(" AND ").append(ageNow).append(" >= ?");
            params.add(q.now());
            params.add(q.ageMin());
        }
        if (q.ageMax() != null) {
            sql.append(" AND ").append(ageNow).append(" <= ?");
            params.add(q.now());
            params.add(q.ageMax());
        }
        if (q.stationId() != null || q.admittedFrom() != null || q.admittedBefore() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM stay_view s WHERE ").append(ofP("s.person_id"));
            if (q.stationId() != null) {
                sql.append(" AND s.station_id = ?");
                params.add(q.stationId());
            }
            if (q.admittedFrom() != null) {
                sql.append(" AND s.admitted_at >= ?");
                params.add(q.admittedFrom());
            }
            if (q.admittedBefore() != null) {
                sql.append(" AND s.admitted_at < ?");
                params.add(q.admittedBefore());
            }
            sql.append(')');
        }
        // Most recently admitted first: a returning client is most often someone seen lately.
        sql.append(" ORDER BY last.admitted_at DESC NULLS LAST, p.registered_at DESC, p.person_id LIMIT ? OFFSET ?");
        params.add(q.limit());
        params.add(q.offset());
        return Sql.list(
                c,
                sql.toString(),
                rs -> new Row(
                        rs.getObject("person_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("sex"),
                        rs.getObject("age_now", Integer.class),
                        rs.getString("hometown"),
                        rs.getBoolean("confirmed"),
                        rs.getObject("registered_at", OffsetDateTime.class),
                        rs.getString("station_id"),
                        rs.getObject("admitted_at", OffsetDateTime.class),
                        rs.getObject("discharged_at", OffsetDateTime.class),
                        rs.getLong("total")),
                params.toArray());
    }

    /** The total when the page is past the end (no row carries it then). */
    public long count(Connection c, Criteria q) throws SQLException {
        List<Row> first = find(
                c,
                new Criteria(
                        q.name(),
                        q.sex(),
                        q.hometown(),
                        q.ageMin(),
                        q.ageMax(),
                        q.stationId(),
                        q.admittedFrom(),
                        q.admittedBefore(),
                        q.now(),
                        1,
                        0));
        return first.isEmpty() ? 0 : first.get(0).total();
    }

    /** Which names of these persons the name query matched, for the "why" of each result. */
    public Map<UUID, List<NameHit>> nameHits(Connection c, List<UUID> personIds, String name) throws SQLException {
        Map<UUID, List<NameHit>> hits = new LinkedHashMap<>();
        if (personIds.isEmpty()) {
            return hits;
        }
        List<Object> params = new ArrayList<>();
        params.add(c.createArrayOf("uuid", personIds.toArray()));
        params.addAll(Arrays.asList(nameParams(name)));
        for (NameHit hit : Sql.list(
                c,
                "SELECT * FROM person_name_key k WHERE k.person_id = ANY(?) AND " + NAME_MATCH
                        + " ORDER BY k.person_id, k.name, k.key_kind, k.key",
                rs -> new NameHit(
                        rs.getObject("person_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("source"),
                        rs.getString("key_kind"),
                        rs.getString("key")),
                params.toArray())) {
            hits.computeIfAbsent(hit.personId(), id -> new ArrayList<>()).add(hit);
        }
        return hits;
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
