package org.homeward.outreach.streetcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.DomainException;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeCorrected;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseIdentified;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class StreetCaseTest {
    static final OffsetDateTime JULY_1 = OffsetDateTime.of(2018, 7, 1, 20, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID caseId = UUID.randomUUID();
    final UUID program = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void admission_to_the_station_refers_the_identified_person_to_the_programmes_station() {
        given(new StreetCaseOpened(caseId, program, "东城汽车站", null), JULY_1);
        given(new StreetCaseIdentified(caseId, program, "刘某", "河南周口"), JULY_1.plusDays(1));

        OutcomeRecorded outcome = (OutcomeRecorded) streetCase()
                .recordOutcome(StreetOutcome.ADMITTED_TO_STATION, "dongguan", JULY_1.plusDays(2))
                .get(0)
                .payload();

        assertThat(outcome.referralId()).isNotNull();
        assertThat(outcome.stationId()).isEqualTo("dongguan");
        assertThat(outcome.name()).isEqualTo("刘某");
    }

    @Test
    void one_final_outcome_then_only_a_correction_changes_it() {
        given(new StreetCaseOpened(caseId, program, null, null), JULY_1);
        given(new OutcomeRecorded(caseId, program, StreetOutcome.REUNITED, null, null, null), JULY_1.plusDays(5));

        assertThatThrownBy(() -> streetCase().recordOutcome(StreetOutcome.LOST_CONTACT, null, JULY_1.plusDays(6)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(streetCase().correctOutcome(StreetOutcome.REINTEGRATED, "未被接领，本地就业", JULY_1.plusDays(6)))
                .extracting(NewEvent::payload)
                .containsExactly(new OutcomeCorrected(caseId, program, StreetOutcome.REINTEGRATED, "未被接领，本地就业"));
        assertThat(streetCase().correctOutcome(StreetOutcome.REUNITED, "same", JULY_1.plusDays(6)))
                .isEmpty();
    }

    @Test
    void a_contact_cannot_precede_the_case_and_supplies_are_never_negative() {
        given(new StreetCaseOpened(caseId, program, null, null), JULY_1);

        assertThatThrownBy(() ->
                        streetCase().recordContact(UUID.randomUUID(), List.of(), null, null, "w", JULY_1.minusHours(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> streetCase()
                        .recordContact(
                                UUID.randomUUID(), List.of(), new BigDecimal("-1"), null, "w", JULY_1.plusHours(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private void given(DomainEvent event, OffsetDateTime at) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                StreetCase.STREAM,
                caseId.toString(),
                history.size() + 1,
                at,
                at,
                null,
                null,
                null,
                event));
    }

    private StreetCase streetCase() {
        return StreetCase.from(new LoadedStream(StreamId.of(StreetCase.STREAM, caseId), history.size(), history));
    }
}
