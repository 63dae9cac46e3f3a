package org.homeward.events.intake;

import java.math.BigDecimal;
import org.homeward.events.DomainEvent;

/** The station registry: figures reporting's resource ratios divide by, and the institutions a station places people in. */
public sealed interface StationEvent extends DomainEvent {
    record StationRegistered(String stationId, String name, Long nonRegisteredPopulation, BigDecimal areaKm2)
            implements StationEvent {}

    /** A care institution the station works with: {@code kind} ENTRUSTED_CARE (托养), WELFARE (安置) or BOTH. */
    record InstitutionRegistered(String stationId, String institutionId, String name, String kind)
            implements StationEvent {}
}
