package org.homeward.search.partner;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/** The registry of partners (社会力量): NGOs, media platforms, volunteer networks. */
@ApplicationScoped
public class Partners implements LocalProjection {
    public static final String STREAM = "partner";

    public record PartnerView(String partnerId, String name, String kind, OffsetDateTime registeredAt) {}

    @Override
    public List<String> tables() {
        return List.of("partner");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof PartnerRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO partner VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.partnerId(),
                    e.name(),
                    e.kind(),
                    event.occurredAt());
        }
    }

    public Optional<PartnerView> find(Connection c, String partnerId) throws SQLException {
        return Sql.one(c, "SELECT * FROM partner WHERE partner_id = ?", Partners::row, partnerId);
    }

    public List<PartnerView> all(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM partner ORDER BY partner_id", Partners::row);
    }

    private static PartnerView row(ResultSet rs) throws SQLException {
        return new PartnerView(
                rs.getString("partner_id"),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getObject("registered_at", OffsetDateTime.class));
    }
}
