package org.homeward.intake.duplicate;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/**
 * Suspected duplicate persons: two records that may be one person registered twice (at two
 * admissions, or typed twice with a variant name). A pair is suspected when the two share a name's
 * tone-less pinyin (the same characters, or homophones: a name was often only heard) or a photo, and
 * neither sex nor age rules it out; the score weighs what else agrees. All the SQL of the check.
 */
@ApplicationScoped
public class DuplicatePersons implements LocalProjection {
    @Override
    public List<String> tables() {
        return List.of("duplicate_dismissal");
    }

    /** A pair reviewed as two people is not suspected again. */
    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PersonEvent.DuplicateDismissed e) {
            // the pair in PostgreSQL's uuid order, as the suspected pairs are built (a < b)
            Sql.update(
                    c,
                    "INSERT INTO duplicate_dismissal (person_a, person_b, reason, dismissed_at, dismissed_by) "
                            + "VALUES (least(?::uuid, ?::uuid), greatest(?::uuid, ?::uuid), ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.personId(),
                    e.otherPersonId(),
                    e.personId(),
                    e.otherPersonId(),
                    e.reason(),
                    event.occurredAt(),
                    event.actor() == null ? null : event.actor().subject());
        }
    }

    /** A pair scoring at least this is shown: a shared name sound and one more agreeing fact, or a shared photo. */
    static final int THRESHOLD = 50;

    public record Side(
            UUID personId,
            String name,
            String matchedName,
            String sex,
            Integer estimatedAgeNow,
            String hometown,
            OffsetDateTime registeredAt) {}

    public record Pair(
            Side a,
            Side b,
            int score,
            boolean sameCharacters,
            boolean samePinyin,
            boolean samePhoto,
            boolean sameHometown,
            long total) {}

    private static final String AGE_NOW =
            "(%1$s.estimated_age + date_part('year', age(?::timestamptz, %1$s.registered_at))::int)";

    /**
     * Two records sharing a full name key (a < b). Asked for one person, the pairs with that person on either side
     * are read as two branches, each from the person's own keys by index: an {@code OR} over both sides made
     * PostgreSQL pair every record with every other of the same key first (a common name's records squared, for
     * each registration; issue 16: 0.6 s an admission once 800 records shared 阿强's keys).
     */
    private static final String NAME_KEY_PAIRS =
            "SELECT a.person_id AS a, b.person_id AS b, a.name AS a_name, b.name AS b_name FROM person_name_key a "
                    + "JOIN person_name_key b ON b.key_kind = 'FULL' AND b.key = a.key AND a.person_id < b.person_id "
                    + "AND a.key_kind = 'FULL'";

    private static final String PAIRS =
            """
            WITH name_pairs AS (
              SELECT a, b, min(a_name) AS a_name, min(b_name) AS b_name,
                     bool_or(a_name = b_name) AS same_chars, true AS same_pinyin, false AS same_photo
              FROM (%4$s WHERE ?::uuid IS NULL
                    UNION ALL %4$s WHERE a.person_id = ?
                    UNION ALL %4$s WHERE b.person_id = ?) np
              GROUP BY a, b),
            photo_pairs AS (
              SELECT p1.person_id AS a, p2.person_id AS b, NULL::text AS a_name, NULL::text AS b_name,
                     false AS same_chars, false AS same_pinyin, true AS same_photo
              FROM person_photo_view p1
              JOIN person_photo_view p2 ON p2.sha256 = p1.sha256 AND p1.person_id < p2.person_id
              WHERE (?::uuid IS NULL OR p1.person_id = ? OR p2.person_id = ?)),
            pairs AS (
              SELECT a, b, max(a_name) AS a_name, max(b_name) AS b_name, bool_or(same_chars) AS same_chars,
                     bool_or(same_pinyin) AS same_pinyin, bool_or(same_photo) AS same_photo
              FROM (SELECT * FROM name_pairs UNION ALL SELECT * FROM photo_pairs) u
              WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissal d WHERE d.person_a = u.a AND d.person_b = u.b)
                -- a record merged away is its survivor now (ADR 23): no longer a suspect of its own
                AND NOT EXISTS (SELECT 1 FROM person_merge m WHERE m.merged_person_id IN (u.a, u.b) AND m.unmerged_at IS NULL)
              GROUP BY a, b),
            scored AS (
              SELECT pairs.*, pa.name AS pa_name, pb.name AS pb_name, pa.sex AS a_sex, pb.sex AS b_sex,
                     %2$s AS a_age, %3$s AS b_age, pa.hometown AS a_hometown, pb.hometown AS b_hometown,
                     pa.registered_at AS a_registered, pb.registered_at AS b_registered
              FROM pairs
              JOIN person_view pa ON pa.person_id = pairs.a
              JOIN person_view pb ON pb.person_id = pairs.b
              WHERE (?::text IS NULL OR EXISTS (SELECT 1 FROM stay_view s WHERE s.person_id IN (pairs.a, pairs.b) AND s.station_id = ?))),
            ranked AS (
              SELECT scored.*,
                     (CASE WHEN same_photo THEN 100 ELSE 0 END)
                     + (CASE WHEN same_chars THEN 50 WHEN same_pinyin THEN 40 ELSE 0 END)
                     + (CASE WHEN a_sex = b_sex AND a_sex <> 'UNKNOWN' THEN 10 ELSE 0 END)
                     + (CASE WHEN a_age IS NULL OR b_age IS NULL THEN 0 WHEN abs(a_age - b_age) <= 3 THEN 20
                             WHEN abs(a_age - b_age) <= 10 THEN 10 ELSE 0 END) AS base_score
              FROM scored
              WHERE same_photo OR ((a_sex = b_sex OR 'UNKNOWN' IN (a_sex, b_sex))
                                   AND (a_age IS NULL OR b_age IS NULL OR abs(a_age - b_age) <= 10)))
            SELECT ranked.* FROM ranked WHERE base_score + ? >= ?
            ORDER BY base_score DESC, a, b LIMIT ?
            """.formatted("", AGE_NOW.formatted("pa"), AGE_NOW.formatted("pb"), NAME_KEY_PAIRS);

    /** Pairs considered at most, before the hometown is weighed and the page cut (a station's review list, not a data mine). */
    static final int CANDIDATES = 5_000;

    static final int HOMETOWN_POINTS = 20;

    /** Suspected pairs, best first: those of the person {@code asked} reads as if given, those touching a stay at {@code stationId} if given. */
    public List<Pair> suspected(Connection c, UUID asked, String stationId, OffsetDateTime now, int limit, int offset)
            throws SQLException {
        // a merged-away record is its survivor (ADR 23): its pairs are the survivor's
        UUID personId = asked == null ? null : PersonMergeTable.survivorOf(c, asked);
        List<Pair> found = new ArrayList<>();
        for (Pair p : Sql.list(
                c,
                PAIRS,
                DuplicatePersons::pair,
                personId,
                personId,
                personId,
                personId,
                personId,
                personId,
                now,
                now,
                stationId,
                stationId,
                HOMETOWN_POINTS,
                THRESHOLD,
                CANDIDATES)) {
            boolean home = sameHometown(p.a().hometown(), p.b().hometown());
            int score = p.score() + (home ? HOMETOWN_POINTS : 0);
            if (score >= THRESHOLD) {
                found.add(oriented(
                        new Pair(p.a(), p.b(), score, p.sameCharacters(), p.samePinyin(), p.samePhoto(), home, 0),
                        personId));
            }
        }
        found.sort(Comparator.comparingInt(Pair::score)
                .reversed()
                .thenComparing(p -> p.b().registeredAt(), Comparator.reverseOrder()));
        long total = found.size();
        return found.stream()
                .skip(offset)
                .limit(limit)
                .map(p -> new Pair(
                        p.a(),
                        p.b(),
                        p.score(),
                        p.sameCharacters(),
                        p.samePinyin(),
                        p.samePhoto(),
                        p.sameHometown(),
                        total))
                .toList();
    }

    /** The record asked about second, else the earlier record first: the one a later registration may duplicate. */
    private static Pair oriented(Pair p, UUID asked) {
        boolean swap = asked != null
                ? p.a().personId().equals(asked)
                : p.b().registeredAt().isBefore(p.a().registeredAt());
        if (swap) {
            return new Pair(
                    p.b(),
                    p.a(),
                    p.score(),
                    p.sameCharacters(),
                    p.samePinyin(),
                    p.samePhoto(),
                    p.sameHometown(),
                    p.total());
        }
        return p;
    }

    /**
     * Hometowns as people give them: 湖南省邵阳市 and 湖南邵阳 agree. Compared without the administrative
     * suffixes; one containing the other, or most of their characters shared, is agreement.
     */
    static boolean sameHometown(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = bare(a);
        String y = bare(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.contains(y) || y.contains(x)) {
            return true;
        }
        Set<Integer> cx = x.codePoints().boxed().collect(Collectors.toSet());
        Set<Integer> cy = y.codePoints().boxed().collect(Collectors.toSet());
        Set<Integer> both = new HashSet<>(cx);
        both.retainAll(cy);
        return 2.0 * both.size() / (cx.size() + cy.size()) >= 0.75;
    }

    private static String bare(String place) {
        return place.replaceAll("\\s+", "").replaceAll("(特别行政区|自治区|自治州|自治县|地区|省|市|县|区|州|镇|乡|村)", "");
    }

    private static Pair pair(ResultSet rs) throws SQLException {
        return new Pair(
                side(rs, "a"),
                side(rs, "b"),
                rs.getInt("base_score"),
                rs.getBoolean("same_chars"),
                rs.getBoolean("same_pinyin"),
                rs.getBoolean("same_photo"),
                false,
                0);
    }

    private static Side side(ResultSet rs, String p) throws SQLException {
        return new Side(
                rs.getObject(p, UUID.class),
                rs.getString("p" + p + "_name"),
                rs.getString(p + "_name"),
                rs.getString(p + "_sex"),
                (Integer) rs.getObject(p + "_age"),
                rs.getString(p + "_hometown"),
                rs.getObject(p + "_registered", OffsetDateTime.class));
    }

    /** The reasons a volunteer reads, in Chinese, one per fact that agrees. */
    static List<String> reasons(Pair pair) {
        List<String> reasons = new ArrayList<>();
        if (pair.samePhoto()) {
            reasons.add("两条记录有同一张照片");
        }
        if (pair.sameCharacters()) {
            reasons.add("姓名相同：" + pair.a().matchedName());
        } else if (pair.samePinyin()) {
            reasons.add("姓名同音：" + pair.a().matchedName() + " / " + pair.b().matchedName());
        }
        if (pair.a().sex() != null
                && pair.a().sex().equals(pair.b().sex())
                && !"UNKNOWN".equals(pair.a().sex())) {
            reasons.add("性别相同");
        }
        Integer ageA = pair.a().estimatedAgeNow();
        Integer ageB = pair.b().estimatedAgeNow();
        if (ageA != null && ageB != null && Math.abs(ageA - ageB) <= 10) {
            reasons.add("年龄相近：现约 " + ageA + " 岁 / " + ageB + " 岁");
        }
        String homeA = pair.a().hometown();
        String homeB = pair.b().hometown();
        if (pair.sameHometown()) {
            reasons.add("籍贯相近：" + homeA + " / " + homeB);
        }
        return reasons;
    }
}
