package org.homeward.platform.merge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.homeward.domain.StateConflict;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.platform.sourcing.Sql;

/**
 * Keeps a service's {@code person_merge} table (db/platform V5_1_1, ADR 23), through which its reads
 * resolve a merged-away person to the survivor ({@code survivor_of}, {@code person_records}). Written from
 * the merged record's copies only: that stream holds every merge and undo of the record in the order they
 * happened, so "one holding merge per record" is never met out of order. (The survivor's copies would not
 * do: after "A into S, undone, A into T", T's copy of the second merge may arrive on its partition before
 * S's copy of the undo on another.) Idempotent.
 */
public final class PersonMergeTable {
    /** The event types {@link #apply} reads: a consumer naming the types it applies includes these. */
    public static final Set<Class<? extends DomainEvent>> APPLIED_TYPES =
            Set.of(PersonMerged.class, PersonErased.class, PersonUnmerged.class);

    public static void apply(Connection c, EventEnvelope event) throws SQLException {
        String by = event.actor() == null ? null : event.actor().subject();
        if (event.payload() instanceof PersonMerged e && e.personId().equals(e.mergedPersonId())) {
            Sql.update(
                    c,
                    "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, reason, merged_stay_ids, "
                            + "merged_fragment_ids, merged_at, merged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (merge_id) DO NOTHING",
                    e.mergeId(),
                    e.survivorId(),
                    e.mergedPersonId(),
                    e.reason(),
                    c.createArrayOf("uuid", e.mergedStayIds().toArray()),
                    c.createArrayOf("uuid", e.mergedFragmentIds().toArray()),
                    event.occurredAt(),
                    by);
        } else if (event.payload() instanceof PersonErased e) {
            // a merge's reasons are sealed with the person's key (ADR 33, 35): gone with it from every copy
            Sql.update(
                    c,
                    "UPDATE person_merge SET reason = NULL, unmerge_reason = NULL "
                            + "WHERE ? IN (survivor_id, merged_person_id)",
                    e.personId());
        } else if (event.payload() instanceof PersonUnmerged e && e.personId().equals(e.mergedPersonId())) {
            Sql.update(
                    c,
                    "UPDATE person_merge SET unmerged_at = ?, unmerged_by = ?, unmerge_reason = ? "
                            + "WHERE merge_id = ? AND unmerged_at IS NULL",
                    event.occurredAt(),
                    by,
                    e.reason(),
                    e.mergeId());
        }
    }

    /** The record {@code personId} reads as: its survivor while merged away (at any depth, ADR 31), else itself. */
    public static UUID survivorOf(Connection c, UUID personId) throws SQLException {
        return Sql.one(c, "SELECT survivor_of(?)", rs -> rs.getObject(1, UUID.class), personId)
                .orElse(personId);
    }

    /**
     * Refuses a command addressed to a merged-away record (409 on {@code field}, naming the survivor): commands
     * are addressed to the survivor, so what is recorded while merged is plainly the survivor's (ADR 23).
     */
    public static void requireNotMergedAway(Connection c, UUID personId, String field) throws SQLException {
        UUID survivor = survivorOf(c, personId);
        if (!survivor.equals(personId)) {
            throw new StateConflict(
                    "Person " + personId + " was merged into " + survivor + ": address the survivor " + survivor
                            + " (or undo the merge)",
                    field,
                    "was merged into " + survivor);
        }
    }

    /** The platform's definition of survivor_of and person_records, the one every schema uses (ADR 38). */
    static final String CHAINS = "/db/platform/V7_4_1__person_merge_chains_cycle_safe.sql";

    /** How the platform's definition says that a merge {@code m} holds. */
    static final String HOLDS = "m.unmerged_at IS NULL";

    /**
     * survivor_of and person_records as the platform defines them (cycle-safe, ADR 38), for a schema whose
     * {@code person_merge} says in its own words that a merge holds ({@code holds}, a condition on {@code m}):
     * reporting's fact schemas, whose merges hold once recorded until their undoing is recorded.
     */
    public static String chainFunctions(String holds) {
        String sql;
        try (InputStream in = PersonMergeTable.class.getResourceAsStream(CHAINS)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CHAINS);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // every join on person_merge states the condition once: three of them (up, the cycle check, down)
        int joins = sql.split(Pattern.quote(HOLDS), -1).length - 1;
        if (joins != 3) {
            throw new IllegalStateException(CHAINS + " states that a merge holds " + joins + " times, not 3");
        }
        return sql.replace(HOLDS, "(" + holds + ")");
    }

    private PersonMergeTable() {}
}
