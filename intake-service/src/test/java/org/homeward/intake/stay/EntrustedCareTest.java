package org.homeward.intake.stay;

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
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.StayEvent.DeathRecorded;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.EntrustedCareTransferred;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Entrusted care (托养) keeps the stay open; a final placement (安置) and a death end it. Given/when/then. */
class EntrustedCareTest {
    static final OffsetDateTime JUNE_1 = OffsetDateTime.of(2018, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID stay = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final UUID care = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void entrusted_care_starts_returns_and_transfers_while_the_stay_stays_open() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);

        assertThat(stay().startEntrustedCare(care, "东莞市社会福利中心", JUNE_1.plusDays(12)))
                .extracting(NewEvent::payload)
                .containsExactly(new EntrustedCareStarted(stay, care, "东莞市社会福利中心"));

        given(new EntrustedCareStarted(stay, care, "东莞市社会福利中心"), JUNE_1.plusDays(12));
        UUID next = UUID.randomUUID();
        assertThat(stay().transferEntrustedCare(care, next, "常平托养中心", JUNE_1.plusDays(40)))
                .extracting(NewEvent::payload)
                .containsExactly(new EntrustedCareTransferred(stay, care, next, "常平托养中心"));

        given(new EntrustedCareTransferred(stay, care, next, "常平托养中心"), JUNE_1.plusDays(40));
        assertThat(stay().returnFromEntrustedCare(next, JUNE_1.plusDays(60)))
                .extracting(NewEvent::payload)
                .containsExactly(new EntrustedCareEnded(stay, next));
        assertThatThrownBy(() -> stay().returnFromEntrustedCare(care, JUNE_1.plusDays(60)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 409, "entrustedCareId"));
    }

    @Test
    void one_open_entrusted_care_period_at_a_time() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        given(new EntrustedCareStarted(stay, care, "社会福利中心"), JUNE_1.plusDays(12));

        assertThatThrownBy(() -> stay().startEntrustedCare(UUID.randomUUID(), "另一家", JUNE_1.plusDays(13)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 409, "institution"));
    }

    @Test
    void a_return_or_transfer_from_entrusted_care_never_made_is_refused() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);

        assertThatThrownBy(() -> stay().returnFromEntrustedCare(care, JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 409, "entrustedCareId"));
        assertThatThrownBy(() -> stay().transferEntrustedCare(care, UUID.randomUUID(), "某院", JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 409, "entrustedCareId"));
    }

    @Test
    void entrusted_care_needs_an_open_stay() {
        assertThatThrownBy(() -> stay().startEntrustedCare(care, "社会福利中心", JUNE_1))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(404));

        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        given(new PersonDischarged(stay, person, "dg", ExitType.PLACED_IN_CARE), JUNE_1.plusDays(30));
        assertThatThrownBy(() -> stay().startEntrustedCare(care, "社会福利中心", JUNE_1.plusDays(31)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 409, "stayId"));
    }

    @Test
    void a_final_placement_from_entrusted_care_ends_the_period_with_the_stay() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        given(new EntrustedCareStarted(stay, care, "社会福利中心"), JUNE_1.plusDays(12));

        assertThat(stay().discharge(ExitType.PLACED_IN_CARE, JUNE_1.plusDays(200)))
                .extracting(NewEvent::payload)
                .containsExactly(
                        new EntrustedCareEnded(stay, care),
                        new PersonDischarged(stay, person, "dg", ExitType.PLACED_IN_CARE));
    }

    @Test
    void a_death_records_place_and_actions_ends_what_is_open_and_closes_the_stay() {
        UUID episode = UUID.randomUUID();
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        given(new HospitalisationStarted(stay, episode, "市第三人民医院"), JUNE_1.plusDays(3));

        assertThat(stay().recordDeath("市第三人民医院", "报警、尸检、火化，骨灰寄存", JUNE_1.plusDays(20)))
                .extracting(NewEvent::payload)
                .containsExactly(
                        new DeathRecorded(stay, person, "市第三人民医院", "报警、尸检、火化，骨灰寄存"),
                        new HospitalisationEnded(stay, episode),
                        new PersonDischarged(stay, person, "dg", ExitType.DECEASED));
    }

    @Test
    void a_death_date_before_the_admission_is_refused_naming_the_date() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);

        assertThatThrownBy(() -> stay().recordDeath("站内", "报警", JUNE_1.minusDays(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> refused(e, 422, "occurredAt"));
    }

    private static void refused(HomewardException e, int status, String field) {
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errors()).extracting(FieldError::field).contains(field);
    }

    private void given(DomainEvent event, OffsetDateTime at) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                Stay.STREAM,
                stay.toString(),
                history.size() + 1,
                at,
                at,
                null,
                null,
                null,
                event));
    }

    private Stay stay() {
        return Stay.from(new LoadedStream(StreamId.of(Stay.STREAM, stay), history.size(), history));
    }
}
