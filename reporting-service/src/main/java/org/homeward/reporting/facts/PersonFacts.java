package org.homeward.reporting.facts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.events.outreach.StreetCaseEvent.LinkedToResident;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.platform.sourcing.Sql;

/**
 * Facts about a person for the people-at-risk figures and the identified count: the estimated age at
 * registration, every flag set or cleared by hand (so a flag's state at any moment is the latest
 * change at or before it, whatever order the events arrive in), a family found as an identity
 * established (身份经亲属确认), and a street case linked to the station's own resident (counted once,
 * by the station; docs/definitions.md), and persons merged (one person while the merge holds, ADR 23).
 */
final class PersonFacts {

    static void apply(Connection c, EventEnvelope event) throws SQLException {
        Object p = event.payload();
        if (p instanceof PersonRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO person_age VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
                            + "estimated_age = excluded.estimated_age, registered_at = excluded.registered_at",
                    e.personId(),
                    e.estimatedAge(),
                    event.occurredAt(),
                    event.recordedAt());
        } else if (p instanceof RiskFlagSet e) {
            flag(c, event, e.personId(), e.flag().name(), true);
        } else if (p instanceof RiskFlagCleared e) {
            flag(c, event, e.personId(), e.flag().name(), false);
        } else if (p instanceof LinkedToResident e) { // the hospital post's patient is the station's resident
            Sql.update(
                    c,
                    "INSERT INTO street_case (case_id, program_id, recorded_at, person_id, linked_recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET person_id = excluded.person_id, "
                            + "linked_recorded_at = excluded.linked_recorded_at, "
                            + "recorded_at = least(street_case.recorded_at, excluded.recorded_at)",
                    e.caseId(),
                    e.programId(),
                    event.recordedAt(),
                    e.personId(),
                    event.recordedAt());
        } else if (p instanceof PersonMerged e) { // on both streams, any order: the earliest copy's record time
            Sql.update(
                    c,
                    "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, merged_recorded_at) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (merge_id) DO UPDATE SET merged_recorded_at = "
                            + "least(person_merge.merged_recorded_at, excluded.merged_recorded_at)",
                    e.mergeId(),
                    e.survivorId(),
                    e.mergedPersonId(),
                    event.recordedAt());
        } else if (p instanceof PersonUnmerged e) { // may arrive before the merge: the row waits for it
            Sql.update(
                    c,
                    "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, unmerged_recorded_at) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (merge_id) DO UPDATE SET unmerged_recorded_at = "
                            + "least(person_merge.unmerged_recorded_at, excluded.unmerged_recorded_at)",
                    e.mergeId(),
                    e.survivorId(),
                    e.mergedPersonId(),
                    event.recordedAt());
        } else if (p instanceof FamilyFound e) {
            Sql.update(
                    c,
                    "INSERT INTO identity_confirmation VALUES (?, ?, ?, ?)",
                    event.eventId(),
                    e.personId(),
                    event.occurredAt(),
                    event.recordedAt());
        }
    }

    private static void flag(Connection c, EventEnvelope event, UUID person, String flag, boolean set)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO risk_flag_change VALUES (?, ?, ?, ?, ?, ?, ?)",
                event.eventId(),
                person,
                flag,
                set,
                event.streamVersion(),
                event.occurredAt(),
                event.recordedAt());
    }

    private PersonFacts() {}
}
