package org.homeward.intake.atrisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert;
import org.homeward.domain.DomainException;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Flags set and cleared by hand on a person; minor and elderly only by hand when no age is estimated. Given/when/then. */
class RiskFlagsTest {
    static final OffsetDateTime JUNE_1 = OffsetDateTime.of(2018, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID person = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void a_flag_is_set_then_cleared_and_a_repeat_of_either_is_refused() {
        assertThat(flags().set(person, RiskFlag.MENTAL_DISORDER, null, "精神科诊断", JUNE_1))
                .extracting(NewEvent::payload)
                .containsExactly(new RiskFlagSet(person, RiskFlag.MENTAL_DISORDER, "精神科诊断"));
        given(new RiskFlagSet(person, RiskFlag.MENTAL_DISORDER, "精神科诊断"), JUNE_1);
        refused(() -> flags().set(person, RiskFlag.MENTAL_DISORDER, null, null, JUNE_1.plusDays(1)), 409);

        assertThat(flags().clear(person, RiskFlag.MENTAL_DISORDER, "复诊排除", JUNE_1.plusDays(30)))
                .extracting(NewEvent::payload)
                .containsExactly(new RiskFlagCleared(person, RiskFlag.MENTAL_DISORDER, "复诊排除"));
        given(new RiskFlagCleared(person, RiskFlag.MENTAL_DISORDER, "复诊排除"), JUNE_1.plusDays(30));
        refused(() -> flags().clear(person, RiskFlag.MENTAL_DISORDER, null, JUNE_1.plusDays(31)), 409);
        assertThat(flags().active()).isEmpty();
    }

    @Test
    void minor_and_elderly_follow_the_estimated_age_and_are_typed_only_without_one() {
        refused(() -> flags().set(person, RiskFlag.ELDERLY, 70, null, JUNE_1), 422);
        refused(() -> flags().set(person, RiskFlag.MINOR, 15, null, JUNE_1), 422);
        assertThat(flags().set(person, RiskFlag.MINOR, null, "看似未成年", JUNE_1)).hasSize(1);
    }

    @Test
    void a_flag_cannot_be_dated_before_the_last_one() {
        given(new RiskFlagSet(person, RiskFlag.PHYSICAL_DISABILITY, null), JUNE_1);
        assertThatThrownBy(() -> flags().set(person, RiskFlag.MENTAL_DISORDER, null, null, JUNE_1.minusDays(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("occurredAt"));
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call)
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errors()).extracting(FieldError::field).contains("flag");
                });
    }

    private void given(DomainEvent event, OffsetDateTime at) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                RiskFlags.STREAM,
                person.toString(),
                history.size() + 1,
                at,
                at,
                null,
                null,
                null,
                event));
    }

    private RiskFlags flags() {
        return RiskFlags.from(new LoadedStream(StreamId.of(RiskFlags.STREAM, person), history.size(), history));
    }
}
