package org.homeward.intake.referral;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ReferralEvent.ArrivalExpected;
import org.homeward.events.intake.ReferralEvent.ArrivalRecorded;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

@ApplicationScoped
public class ReferralViews implements LocalProjection {

    public record ReferralView(
            UUID referralId,
            UUID streetCaseId,
            String stationId,
            String name,
            OffsetDateTime expectedAt,
            UUID stayId,
            OffsetDateTime arrivedAt) {}

    @Override
    public List<String> tables() {
        return List.of("referral_view");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof ArrivalExpected e) {
            Sql.update(
                    c,
                    "INSERT INTO referral_view (referral_id, street_case_id, station_id, name, expected_at) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    e.referralId(),
                    e.streetCaseId(),
                    e.stationId(),
                    e.name(),
                    event.occurredAt());
        } else if (event.payload() instanceof ArrivalRecorded e) {
            Sql.update(
                    c,
                    "UPDATE referral_view SET stay_id = ?, arrived_at = ? WHERE referral_id = ?",
                    e.stayId(),
                    event.occurredAt(),
                    e.referralId());
        }
    }

    private static final String WHERE = "WHERE (NOT ? OR stay_id IS NULL) AND (?::text IS NULL OR station_id = ?) ";

    /** One page of referrals, of one station ({@code station} null: all), earliest expected first. */
    public List<ReferralView> list(Connection c, boolean pendingOnly, String station, int limit, int offset)
            throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM referral_view " + WHERE + "ORDER BY expected_at, referral_id LIMIT ? OFFSET ?",
                rs -> new ReferralView(
                        rs.getObject("referral_id", UUID.class),
                        rs.getObject("street_case_id", UUID.class),
                        rs.getString("station_id"),
                        rs.getString("name"),
                        rs.getObject("expected_at", OffsetDateTime.class),
                        rs.getObject("stay_id", UUID.class),
                        rs.getObject("arrived_at", OffsetDateTime.class)),
                pendingOnly,
                station,
                station,
                limit,
                offset);
    }

    public long count(Connection c, boolean pendingOnly, String station) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT count(*) FROM referral_view " + WHERE,
                        rs -> rs.getLong(1),
                        pendingOnly,
                        station,
                        station)
                .orElse(0L);
    }
}
