package org.homeward.reporting.facts;

import java.sql.Connection;
import java.sql.SQLException;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.platform.sourcing.Sql;

/**
 * Facts about a person for the people-at-risk figures and the identified count: the estimated age at
 * registration, every flag set or cleared by hand (so a flag's state at any moment is the latest
 * change at or before it, whatever order the events arrive in), and a family found as an identity
 * established (身份经亲属确认; docs/definitions.md).
 */
final class PersonFacts {

    static void apply(Connection c, EventEnvelope event) throws SQLException {
        Object p = event.payload();
        if (p instanceof PersonRegistered e) {
            Sql.update(c, "INSERT INTO person_age VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
                    + "estimated_age = excluded.estimated_age, registered_at = excluded.registered_at", e.personId(),
                    e.estimatedAge(), event.occurredAt(), event.recordedAt());
        } else if (p instanceof RiskFlagSet e) {
            flag(c, event, e.personId(), e.flag().name(), true);
        } else if (p instanceof RiskFlagCleared e) {
            flag(c, event, e.personId(), e.flag().name(), false);
        } else if (p instanceof FamilyFound e) {
            Sql.update(c, "INSERT INTO identity_confirmation VALUES (?, ?, ?, ?)", event.eventId(), e.personId(),
                    event.occurredAt(), event.recordedAt());
        }
    }

    private static void flag(Connection c, EventEnvelope event, java.util.UUID person, String flag, boolean set)
            throws SQLException {
        Sql.update(c, "INSERT INTO risk_flag_change VALUES (?, ?, ?, ?, ?, ?, ?)", event.eventId(), person, flag, set,
                event.streamVersion(), event.occurredAt(), event.recordedAt());
    }

    private PersonFacts() {
    }
}
