package org.homeward.intake.station;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.StationEvent;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

@ApplicationScoped
public class StationViews implements LocalProjection {
    public record StationView(String stationId, String name, Long nonRegisteredPopulation, BigDecimal areaKm2) {}

    private final EventSourcing sourcing;

    public StationViews(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    @Override
    public List<String> tables() {
        return List.of("station", "institution");
    }

    /** A care institution of a station's registry. */
    public record InstitutionView(String institutionId, String name, String kind, OffsetDateTime registeredAt) {}

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof StationEvent.InstitutionRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO institution (station_id, institution_id, name, kind, "
                            + "registered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.stationId(),
                    e.institutionId(),
                    e.name(),
                    e.kind(),
                    event.occurredAt());
        }
        if (event.payload() instanceof StationRegistered e) {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO station VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, e.stationId());
                ps.setString(2, e.name());
                ps.setObject(3, e.nonRegisteredPopulation());
                ps.setBigDecimal(4, e.areaKm2());
                ps.setObject(5, event.occurredAt());
                ps.executeUpdate();
            }
        }
    }

    public List<InstitutionView> institutions(Connection c, String stationId) throws SQLException {
        return Sql.list(
                c,
                "SELECT institution_id, name, kind, registered_at FROM institution "
                        + "WHERE station_id = ? ORDER BY name",
                rs -> new InstitutionView(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)),
                stationId);
    }

    /**
     * Refuses an institution the stay's station has not registered (by name or id), naming {@code field}:
     * people are placed only with institutions the station works with.
     */
    public void requireInstitution(Connection c, String stationId, String institution, String field)
            throws SQLException {
        boolean known = Sql.one(
                        c,
                        "SELECT 1 FROM institution WHERE station_id = ? " + "AND (name = ? OR institution_id = ?)",
                        rs -> true,
                        stationId,
                        institution,
                        institution)
                .isPresent();
        if (!known) {
            throw HomewardException.rule(
                    field,
                    "Institution " + institution + " is not registered at station " + stationId
                            + " (POST /api/stations/" + stationId + "/institutions)");
        }
    }

    /** Whether the station is registered: for the predicates the aggregates take (a transfer's receiving station). */
    public boolean exists(Connection c, String stationId) {
        try {
            return find(c, stationId).isPresent();
        } catch (SQLException e) {
            throw new Transactions.DataAccessException(e);
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
                views.add(new StationView(
                        rs.getString("station_id"),
                        rs.getString("name"),
                        (Long) rs.getObject("non_registered_population", Long.class),
                        rs.getBigDecimal("area_km2")));
            }
        }
        return views;
    }
}
