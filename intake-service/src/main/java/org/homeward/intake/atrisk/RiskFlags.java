package org.homeward.intake.atrisk;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.BusinessTimeOrder;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;

/**
 * The flags recorded by hand on one person (重点人员), one stream per person. Minor and elderly
 * come from the estimated age when one is known, so they are typed by hand only for a person
 * without one; long-term hospitalisation is never typed (derived from hospital episodes).
 */
@Aggregate
public final class RiskFlags {
    public static final String STREAM = "risk-flags";

    private final Set<RiskFlag> active = EnumSet.noneOf(RiskFlag.class);
    private OffsetDateTime lastEventAt;

    public static RiskFlags from(LoadedStream stream) {
        return of(stream.events());
    }

    /**
     * The flags of a person whose records were merged (ADR 23, 31): the changes of all their records' streams
     * in business-time order, so a flag set on a merged record can be cleared on the survivor.
     */
    public static RiskFlags of(List<EventEnvelope> changes) {
        RiskFlags flags = new RiskFlags();
        changes.forEach(flags::evolve);
        return flags;
    }

    /** {@code estimatedAge} is the person's (null when unknown). */
    public List<NewEvent> set(UUID personId, RiskFlag flag, Integer estimatedAge, String note, OffsetDateTime at) {
        if ((flag == RiskFlag.MINOR || flag == RiskFlag.ELDERLY) && estimatedAge != null) {
            throw new RuleViolated(
                    "flag",
                    flag + " follows from the estimated age (" + estimatedAge + ") and is not recorded by hand");
        }
        if (active.contains(flag)) {
            throw conflict("flag", flag + " is already set on this person");
        }
        BusinessTimeOrder.notBefore(at, lastEventAt, "the person's last recorded flag");
        return List.of(new NewEvent(new RiskFlagSet(personId, flag, note), at));
    }

    public List<NewEvent> clear(UUID personId, RiskFlag flag, String note, OffsetDateTime at) {
        if (!active.contains(flag)) {
            throw conflict("flag", flag + " is not set on this person");
        }
        BusinessTimeOrder.notBefore(at, lastEventAt, "the person's last recorded flag");
        return List.of(new NewEvent(new RiskFlagCleared(personId, flag, note), at));
    }

    public Set<RiskFlag> active() {
        return EnumSet.copyOf(active); // copyOf an EnumSet works also when it is empty
    }

    private void evolve(EventEnvelope envelope) {
        RiskFlagEvent event = (RiskFlagEvent) envelope.payload();
        lastEventAt = envelope.occurredAt();
        if (event instanceof RiskFlagSet e) {
            active.add(e.flag());
        } else if (event instanceof RiskFlagCleared e) {
            active.remove(e.flag());
        }
    }

    private static StateConflict conflict(String field, String detail) {
        return new StateConflict(detail, field, detail);
    }
}
