package org.homeward.outreach.streetcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.homeward.events.outreach.StreetCaseEvent.LinkedToResident;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** A hospital post's patient linked once to the station's resident. Given/when/then. */
class ResidentLinkAggregateTest {
    static final OffsetDateTime JULY_1 = OffsetDateTime.of(2018, 7, 1, 20, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID caseId = UUID.randomUUID();
    final UUID program = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final UUID stay = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void a_patient_is_linked_once_again_to_the_same_person_changes_nothing_and_to_another_is_refused() {
        given(new StreetCaseOpened(caseId, program, "市第三人民医院", null), JULY_1);
        assertThat(streetCase().linkToResident(person, stay, JULY_1.plusDays(1)))
                .extracting(NewEvent::payload)
                .containsExactly(new LinkedToResident(caseId, program, person, stay));

        given(new LinkedToResident(caseId, program, person, stay), JULY_1.plusDays(1));
        assertThat(streetCase().linkToResident(person, stay, JULY_1.plusDays(2)))
                .isEmpty();
        assertThatThrownBy(() -> streetCase().linkToResident(UUID.randomUUID(), UUID.randomUUID(), JULY_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errors()).extracting(FieldError::field).contains("personId");
                });
    }

    @Test
    void a_link_cannot_precede_the_case() {
        given(new StreetCaseOpened(caseId, program, "市第三人民医院", null), JULY_1);
        assertThatThrownBy(() -> streetCase().linkToResident(person, stay, JULY_1.minusDays(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("occurredAt"));
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
