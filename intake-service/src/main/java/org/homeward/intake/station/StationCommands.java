package org.homeward.intake.station;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.platform.sourcing.Commands;

/**
 * The station registry's command handlers (ADR 30): a registration starts the station's stream (409 when it
 * exists), an institution is decided by the {@link Station}; {@link Commands} owns the time, the caller and
 * the transaction.
 */
@ApplicationScoped
public class StationCommands {
    private final Commands commands;

    public StationCommands(Commands commands) {
        this.commands = commands;
    }

    public void register(String stationId, String name, Long nonRegisteredPopulation, BigDecimal areaKm2) {
        List<NewEvent> registered = List.of(new NewEvent(
                new StationRegistered(stationId, name, nonRegisteredPopulation, areaKm2), commands.at(null)));
        commands.inTransaction(c -> commands.start(
                c,
                new StreamId(Station.STREAM, stationId),
                registered,
                "Station " + stationId + " is already registered"));
    }

    /** A care institution of the station's registry; {@code kind} ENTRUSTED_CARE, WELFARE or BOTH. */
    public void registerInstitution(String stationId, String institutionId, String name, String kind) {
        commands.decide(
                new StreamId(Station.STREAM, stationId),
                null,
                Station::from,
                (s, c) -> s.registerInstitution(institutionId, name, kind, commands.at(null)));
    }
}
