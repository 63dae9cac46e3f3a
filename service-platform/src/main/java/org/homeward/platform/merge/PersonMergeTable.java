package org.homeward.platform.merge;

import java.sql.Connection;
import java.sql.SQLException;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.platform.sourcing.Sql;

/**
 * Keeps a service's {@code person_merge} table (db/platform V5_1_1, ADR 23), through which its reads
 * resolve a merged-away person to the survivor ({@code survivor_of}, {@code person_records}). Written from
 * the survivor's stream only: its copies are in the order the merge and its undoing happened. Idempotent.
 */
public final class PersonMergeTable {

    public static void apply(Connection c, EventEnvelope event) throws SQLException {
        String by = event.actor() == null ? null : event.actor().subject();
        if (event.payload() instanceof PersonMerged e && e.personId().equals(e.survivorId())) {
            Sql.update(c, "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, reason, merged_stay_ids, "
                    + "merged_fragment_ids, merged_at, merged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.mergeId(), e.survivorId(), e.mergedPersonId(), e.reason(),
                    c.createArrayOf("uuid", e.mergedStayIds().toArray()),
                    c.createArrayOf("uuid", e.mergedFragmentIds().toArray()), event.occurredAt(), by);
        } else if (event.payload() instanceof PersonUnmerged e && e.personId().equals(e.survivorId())) {
            Sql.update(c, "UPDATE person_merge SET unmerged_at = ?, unmerged_by = ?, unmerge_reason = ? "
                    + "WHERE merge_id = ? AND unmerged_at IS NULL", event.occurredAt(), by, e.reason(), e.mergeId());
        }
    }

    private PersonMergeTable() {
    }
}
