package org.homeward.events.outreach;

import java.util.UUID;
import org.homeward.events.DomainEvent;

/** An outreach programme: bought-in social work, a hospital post, staff patrols or a partner's team. */
public sealed interface ProgramEvent extends DomainEvent {
    UUID programId();

    record ProgramStarted(UUID programId, String name, ProgramKind kind, String stationId, String partnerId)
            implements ProgramEvent {}

    /** One outing (e.g. 寒冬送温暖): date, area, teams and how many people were met. */
    record PatrolConducted(UUID programId, UUID patrolId, String campaign, String area, int teams, int peopleMet)
            implements ProgramEvent {}
}
