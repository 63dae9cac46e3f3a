package org.homeward.outreach.registry;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.Sql;

/** The stations intake has registered, so a programme can only be started for one of them. */
@ApplicationScoped
public class KnownStations extends ChannelConsumer {

    public KnownStations(IncomingEvents incoming) {
        super(incoming, "intake-events", "outreach.stations");
    }

    @Incoming("intake-events")
    @Blocking(ordered = true) // one record at a time, in the topic's order
    public void on(String record) {
        accept("intake-events", record);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof StationRegistered e) {
            Sql.update(c, "INSERT INTO known_station (station_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    e.stationId(), e.name());
        }
    }

    public boolean isKnown(Connection c, String stationId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM known_station WHERE station_id = ?", rs -> true, stationId).isPresent();
    }
}
