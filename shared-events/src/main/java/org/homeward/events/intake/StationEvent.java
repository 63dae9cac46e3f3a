package org.homeward.events.intake;

import java.math.BigDecimal;
import org.homeward.events.DomainEvent;

/** The station registry: figures reporting's resource ratios divide by. */
public sealed interface StationEvent extends DomainEvent {
    record StationRegistered(String stationId, String name, Long nonRegisteredPopulation, BigDecimal areaKm2) implements StationEvent {}
}
