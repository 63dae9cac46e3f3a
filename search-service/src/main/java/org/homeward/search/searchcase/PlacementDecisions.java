package org.homeward.search.searchcase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.intake.StayEvent.PlacementDecided;
import org.homeward.platform.sourcing.Sql;

/**
 * The 10-day rule's fact: the first moment a placement decision was made for a stay — an explicit
 * decision (PlacementDecided), entrusted care (托养) begun, or the exit itself. The earliest wins,
 * whatever order the events arrive in.
 */
final class PlacementDecisions {
    static final String SQL = "INSERT INTO stay_placement_decision VALUES (?, ?) ON CONFLICT (stay_id) DO UPDATE "
            + "SET decided_at = least(stay_placement_decision.decided_at, excluded.decided_at)";

    static void apply(Connection c, EventEnvelope event) throws SQLException {
        UUID stay = event.payload() instanceof PlacementDecided e
                ? e.stayId()
                : event.payload() instanceof EntrustedCareStarted e
                        ? e.stayId()
                        : event.payload() instanceof PersonDischarged e ? e.stayId() : null;
        if (stay != null) {
            Sql.update(c, SQL, stay, event.occurredAt());
        }
    }

    private PlacementDecisions() {}
}
