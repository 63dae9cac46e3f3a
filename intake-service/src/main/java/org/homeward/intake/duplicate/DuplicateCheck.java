package org.homeward.intake.duplicate;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

/** The duplicate-person check: suspected pairs with their score and the reasons a volunteer reads. */
@ApplicationScoped
public class DuplicateCheck {
    public record SuspectedPair(DuplicatePersons.Side a, DuplicatePersons.Side b, int score, List<String> reasons) {}

    public record Page(long total, int limit, int offset, List<SuspectedPair> pairs) {}

    private final EventSourcing sourcing;
    private final DuplicatePersons duplicates;

    public DuplicateCheck(EventSourcing sourcing, DuplicatePersons duplicates) {
        this.sourcing = sourcing;
        this.duplicates = duplicates;
    }

    /** Pairs of {@code personId} (if given), touching a stay at {@code station} (if given), best first. */
    public Page page(UUID personId, String station, int limit, int offset) {
        List<DuplicatePersons.Pair> pairs = sourcing.inTransaction(
                c -> duplicates.suspected(c, personId, station, BusinessTime.now(), limit, offset));
        return new Page(
                pairs.isEmpty() ? 0 : pairs.get(0).total(),
                limit,
                offset,
                pairs.stream()
                        .map(p -> new SuspectedPair(p.a(), p.b(), p.score(), DuplicatePersons.reasons(p)))
                        .toList());
    }

    /** The records that may be {@code personId} already: checked when a person is registered. */
    public List<SuspectedPair> of(UUID personId) {
        return page(personId, null, 10, 0).pairs();
    }
}
