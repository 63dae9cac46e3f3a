package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;

/** The flags recorded by hand on one person (重点人员): each set and clear is kept with who and when. */
public sealed interface RiskFlagEvent extends DomainEvent {
    UUID personId();

    record RiskFlagSet(UUID personId, RiskFlag flag, String note) implements RiskFlagEvent {}

    record RiskFlagCleared(UUID personId, RiskFlag flag, String note) implements RiskFlagEvent {}
}
