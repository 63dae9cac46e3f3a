package org.homeward.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.assertj.core.api.ThrowableAssert;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.web.Period;
import org.junit.jupiter.api.Test;

/** The reporting edge's typed period, and the one rescued rule the report SQL is built from. */
class PeriodTest {

    @Test
    void a_period_is_whole_days_from_included_to_excluded() {
        Period year = Period.parse("2018-01-01", "2019-01-01");
        assertThat(year.from()).isEqualTo(LocalDate.of(2018, 1, 1));
        assertThat(year.end())
                .isEqualTo(Period.of(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 2, 1))
                        .start());
    }

    @Test
    void a_missing_reversed_or_impossible_bound_is_refused_naming_it() {
        refused(() -> Period.parse("2018-01-01", null), "to");
        refused(() -> Period.of(null, LocalDate.of(2018, 1, 1)), "from");
        refused(() -> Period.parse("2019-01-01", "2018-01-01"), "from");
        refused(() -> Period.parse("2018-01-01", "2018-01-01"), "from");
        refused(() -> Period.parse("2018-13-01", "2019-01-01"), "from");
        refused(() -> Period.of(LocalDate.of(1900, 1, 1), LocalDate.of(2018, 1, 1)), "from");
    }

    @Test
    void the_report_sql_counts_as_rescued_exactly_the_outcomes_the_domain_calls_rescued() {
        for (StreetOutcome outcome : StreetOutcome.values()) {
            assertThat(ReportQueries.RESCUED.contains("'" + outcome.name() + "'"))
                    .as(outcome.name())
                    .isEqualTo(outcome.rescued());
        }
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HomewardException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).extracting(f -> f.field()).containsExactly(field);
        });
    }
}
