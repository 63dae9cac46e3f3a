package org.homeward.domain;

import java.time.OffsetDateTime;

/** Business time within one record: a new fact may not be dated before what the record already holds. */
public final class BusinessTimeOrder {
    /** {@code event} may not be dated before {@code earliest}, the last thing already recorded. */
    public static void notBefore(OffsetDateTime event, OffsetDateTime earliest, String what) {
        if (earliest != null && event.isBefore(earliest)) {
            throw new RuleViolated("occurredAt", "must not be before " + what + " (" + earliest + ")");
        }
    }

    private BusinessTimeOrder() {}
}
