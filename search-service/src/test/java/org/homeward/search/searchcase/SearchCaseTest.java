package org.homeward.search.searchcase;

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
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.OpeningReason;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.LeadVerified;
import org.homeward.events.search.SearchCaseEvent.SearchCaseClosed;
import org.homeward.events.search.SearchCaseEvent.SearchCaseOpened;
import org.homeward.events.search.VerificationOutcome;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class SearchCaseTest {
    static final OffsetDateTime MAY_1 = OffsetDateTime.of(2018, 5, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID caseId = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final UUID faceMatch = UUID.randomUUID();
    final UUID staffLead = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void success_is_credited_to_the_confirmed_lead_and_remembers_the_first_lead_channel() {
        given(new SearchCaseOpened(caseId, person, OpeningReason.UNIDENTIFIED_ADMISSION, null), MAY_1);
        given(
                new LeadRecorded(caseId, person, staffLead, LeadChannel.STAFF_INQUIRY, null, "说起过村名", "staff-1"),
                MAY_1.plusDays(1));
        given(
                new LeadRecorded(
                        caseId, person, faceMatch, LeadChannel.POLICE_FACE_RECOGNITION, null, "人脸比对", "police-2"),
                MAY_1.plusDays(3));
        given(
                new LeadVerified(caseId, person, faceMatch, VerificationOutcome.CONFIRMED, List.of("派出所")),
                MAY_1.plusDays(4));

        assertThat(searchCase().recordSuccess(faceMatch, null, "公安机关", MAY_1.plusDays(5)))
                .extracting(NewEvent::payload)
                .containsExactly(new FamilyFound(
                        caseId,
                        person,
                        faceMatch,
                        LeadChannel.POLICE_FACE_RECOGNITION,
                        null,
                        LeadChannel.STAFF_INQUIRY,
                        "police-2",
                        "公安机关"));
    }

    @Test
    void an_unverified_lead_cannot_be_credited_and_a_found_family_takes_no_more_leads() {
        given(new SearchCaseOpened(caseId, person, OpeningReason.MANUAL, null), MAY_1);
        given(
                new LeadRecorded(caseId, person, staffLead, LeadChannel.STAFF_INQUIRY, null, "x", "s"),
                MAY_1.plusDays(1));
        assertThatThrownBy(() -> searchCase().recordSuccess(staffLead, null, null, MAY_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(422));

        given(new LeadVerified(caseId, person, staffLead, VerificationOutcome.CONFIRMED, List.of()), MAY_1.plusDays(2));
        given(
                new FamilyFound(
                        caseId,
                        person,
                        staffLead,
                        LeadChannel.STAFF_INQUIRY,
                        null,
                        LeadChannel.STAFF_INQUIRY,
                        "s",
                        null),
                MAY_1.plusDays(3));
        assertThatThrownBy(() -> searchCase()
                        .recordLead(UUID.randomUUID(), LeadChannel.POLICE_DNA, null, "y", "p", MAY_1.plusDays(4)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void closing_twice_changes_nothing_and_a_closed_case_takes_no_leads() {
        given(new SearchCaseOpened(caseId, person, OpeningReason.UNIDENTIFIED_ADMISSION, null), MAY_1);
        assertThat(searchCase().close(ClosureReason.PERSON_DISCHARGED, MAY_1.plusDays(9)))
                .hasSize(1);
        given(new SearchCaseClosed(caseId, person, ClosureReason.PERSON_DISCHARGED), MAY_1.plusDays(9));

        assertThat(searchCase().close(ClosureReason.PERSON_DISCHARGED, MAY_1.plusDays(9)))
                .isEmpty();
        assertThatThrownBy(() -> searchCase()
                        .recordLead(UUID.randomUUID(), LeadChannel.STAFF_INQUIRY, null, "x", "s", MAY_1.plusDays(10)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    private void given(DomainEvent event, OffsetDateTime at) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                SearchCase.STREAM,
                caseId.toString(),
                history.size() + 1,
                at,
                at,
                null,
                null,
                null,
                event));
    }

    private SearchCase searchCase() {
        return SearchCase.from(new LoadedStream(StreamId.of(SearchCase.STREAM, caseId), history.size(), history));
    }
}
