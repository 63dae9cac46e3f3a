package org.homeward.outreach.partnerwork;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.PartnerWorkEvent.VolunteerVisitsRecorded;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Period;

/** The partners' volunteer visits (志愿者探访) as recorded, for their totals over a period. */
@ApplicationScoped
public class VolunteerVisits implements LocalProjection {

    public record VisitTotal(String partnerId, LocalDate from, LocalDate to, long visits) {}

    @Override
    public List<String> tables() {
        return List.of("volunteer_visits");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof VolunteerVisitsRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO volunteer_visits (event_id, partner_id, visits, purpose, occurred_at) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    event.eventId(),
                    e.partnerId(),
                    e.visits(),
                    e.purpose(),
                    event.occurredAt());
        }
    }

    public VisitTotal total(Connection c, String partnerId, Period period) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT coalesce(sum(visits), 0) FROM volunteer_visits "
                                + "WHERE partner_id = ? AND occurred_at >= ? AND occurred_at < ?",
                        rs -> new VisitTotal(partnerId, period.from(), period.to(), rs.getLong(1)),
                        partnerId,
                        DateParams.startOf(period.from()),
                        DateParams.startOf(period.to()))
                .orElseThrow();
    }
}
