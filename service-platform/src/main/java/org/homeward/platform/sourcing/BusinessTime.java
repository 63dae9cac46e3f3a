package org.homeward.platform.sourcing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.homeward.domain.BusinessTimeOrder;
import org.homeward.platform.problem.HomewardException;

/**
 * Business time (occurredAt): staff record things days later and history is imported, so any
 * past time is accepted; a future one beyond a small clock skew is refused.
 */
public final class BusinessTime {
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    public static final ZoneId PLATFORM_ZONE = ZoneId.of(System.getProperty("homeward.zone", "Asia/Shanghai"));
    private static Clock clock = Clock.systemUTC();

    public static OffsetDateTime resolve(OffsetDateTime occurredAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw HomewardException.badInput("occurredAt", "must not be in the future");
        }
        if (occurredAt.getYear() < 1950) {
            throw HomewardException.badInput("occurredAt", "is before 1950, which cannot be right");
        }
        return occurredAt;
    }

    /** {@code event} may not be dated before {@code earliest}, the last thing already recorded. */
    public static void notBefore(OffsetDateTime event, OffsetDateTime earliest, String what) {
        BusinessTimeOrder.notBefore(event, earliest, what);
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private BusinessTime() {}
}
