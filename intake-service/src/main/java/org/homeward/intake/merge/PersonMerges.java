package org.homeward.intake.merge;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/**
 * Persons merged, and undone (ADR 23): the table every intake read resolves a merged-away record
 * through ({@code survivor_of}, {@code person_records}), and all the SQL of merging.
 */
@ApplicationScoped
public class PersonMerges implements LocalProjection {

    public record MergeView(
            UUID mergeId,
            UUID survivorId,
            UUID mergedPersonId,
            String reason,
            List<UUID> mergedStayIds,
            List<UUID> mergedFragmentIds,
            OffsetDateTime mergedAt,
            String mergedBy,
            OffsetDateTime unmergedAt,
            String unmergedBy,
            String unmergeReason) {}

    @Override
    public List<String> tables() {
        return List.of("person_merge");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        PersonMergeTable.apply(c, event);
    }

    public Optional<MergeView> find(Connection c, UUID mergeId) throws SQLException {
        return Sql.one(c, "SELECT * FROM person_merge WHERE merge_id = ?", PersonMerges::view, mergeId);
    }

    /** Every merge the person took part in, as survivor or as the merged record, undone ones too; oldest first. */
    public List<MergeView> of(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM person_merge WHERE survivor_id = ? OR merged_person_id = ? "
                        + "ORDER BY merged_at, merge_id",
                PersonMerges::view,
                personId,
                personId);
    }

    /** The stay ids and fragment ids recorded for {@code personId} itself (not for records merged into it). */
    public List<UUID> ownStays(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT stay_id FROM stay_view WHERE person_id = ? ORDER BY admitted_at, stay_id",
                rs -> rs.getObject(1, UUID.class),
                personId);
    }

    public List<UUID> ownFragments(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT fragment_id FROM fragment_view WHERE person_id = ? ORDER BY occurred_at, fragment_id",
                rs -> rs.getObject(1, UUID.class),
                personId);
    }

    /**
     * A stay of one that overlaps a stay of the other: one person is not in two stays at once, so such a
     * pair is refused (every stay-based figure counts the merged person once because of it). Both sides with
     * the records merged into them: a merged person takes those along (ADR 31).
     */
    public Optional<UUID[]> overlappingStays(Connection c, UUID survivorId, UUID mergedId) throws SQLException {
        return Sql.one(
                c,
                "SELECT a.stay_id, b.stay_id FROM stay_view a JOIN stay_view b "
                        + "ON a.admitted_at < coalesce(b.discharged_at, 'infinity') AND b.admitted_at < coalesce(a.discharged_at, 'infinity') "
                        + "WHERE a.person_id IN (SELECT person_records(?)) AND b.person_id IN (SELECT person_records(?)) "
                        + "ORDER BY a.admitted_at LIMIT 1",
                rs -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)},
                survivorId,
                mergedId);
    }

    /** Whether any record that reads as the person has a stay at {@code stationId} (the station's staff may merge it). */
    public boolean hasStayAt(Connection c, UUID personId, String stationId) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT 1 FROM stay_view WHERE person_id IN (SELECT person_records(?)) AND station_id = ? LIMIT 1",
                        rs -> true,
                        personId,
                        stationId)
                .isPresent();
    }

    private static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray(column).getArray())
                .map(o -> (UUID) o)
                .toList();
    }

    private static MergeView view(ResultSet rs) throws SQLException {
        return new MergeView(
                rs.getObject("merge_id", UUID.class),
                rs.getObject("survivor_id", UUID.class),
                rs.getObject("merged_person_id", UUID.class),
                rs.getString("reason"),
                uuids(rs, "merged_stay_ids"),
                uuids(rs, "merged_fragment_ids"),
                rs.getObject("merged_at", OffsetDateTime.class),
                rs.getString("merged_by"),
                rs.getObject("unmerged_at", OffsetDateTime.class),
                rs.getString("unmerged_by"),
                rs.getString("unmerge_reason"));
    }
}
