package org.homeward.intake.station;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.LocalProjection;

@ApplicationScoped
public class StationViews implements LocalProjection {
    public record StationView(String stationId, String name, Long nonRegisteredPopulation, BigDecimal areaKm2) {
    }

    private final EventSourcing sourcing;

    public StationViews(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    @Override
    public java.util.List<String> tables() {
        return java.util.List.of("station");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof StationRegistered e) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO station VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, e.stationId());
                ps.setString(2, e.name());
                ps.setObject(3, e.nonRegisteredPopulation());
                ps.setBigDecimal(4, e.areaKm2());
                ps.setObject(5, event.occurredAt());
                ps.executeUpdate();
            }
        }
    }

    public Optional<StationView> find(String stationId) {
        return sourcing.inTransaction(c -> find(c, stationId));
    }

    public Optional<StationView> find(Connection c, String stationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM station WHERE station_id = ?")) {
            ps.setString(1, stationId);
            List<StationView> found = read(ps);
            return found.stream().findFirst();
        }
    }

    public List<StationView> all() {
        return sourcing.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM station ORDER BY station_id")) {
                return read(ps);
            }
        });
    }

    private static List<StationView> read(PreparedStatement ps) throws SQLException {
        List<StationView> views = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                views.add(new StationView(rs.getString("station_id"), rs.getString("name"),
                        (Long) rs.getObject("non_registered_population", Long.class), rs.getBigDecimal("area_km2")));
            }
        }
        return views;
    }
}
