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
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class StayTest {
    static final OffsetDateTime JUNE_1 = OffsetDateTime.of(2018, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID stay = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final UUID episode = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void a_hospitalised_person_is_still_in_the_station_and_dying_there_ends_the_episode_with_the_stay() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        given(new HospitalisationStarted(stay, episode, "市精神卫生中心"), JUNE_1.plusDays(3));

        List<NewEvent> decided = stay().discharge(ExitType.DECEASED, JUNE_1.plusDays(20));

        assertThat(decided)
                .extracting(NewEvent::payload)
                .containsExactly(
                        new HospitalisationEnded(stay, episode),
                        new PersonDischarged(stay, person, "dg", ExitType.DECEASED));
    }

    @Test
    void discharge_cannot_precede_the_admission() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.SELF, null, false), JUNE_1);

        assertThatThrownBy(() -> stay().discharge(ExitType.FAMILY_PICKUP, JUNE_1.minusDays(1)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void discharge_cannot_precede_the_last_event_of_the_stay() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.SELF, null, false), JUNE_1);
        given(new HospitalisationStarted(stay, episode, "人民医院"), JUNE_1.plusDays(5));

        assertThatThrownBy(() -> stay().discharge(ExitType.FAMILY_PICKUP, JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void a_closed_stay_takes_no_more_commands() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.SELF, null, false), JUNE_1);
        given(new PersonDischarged(stay, person, "dg", ExitType.ESCORTED_HOME), JUNE_1.plusDays(1));

        assertThatThrownBy(() -> stay().startHospitalisation(episode, "人民医院", JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void one_hospital_episode_at_a_time_and_only_the_open_one_ends() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.SELF, null, false), JUNE_1);
        given(new HospitalisationStarted(stay, episode, "人民医院"), JUNE_1.plusDays(1));

        assertThatThrownBy(() -> stay().startHospitalisation(UUID.randomUUID(), "另一家", JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> stay().endHospitalisation(UUID.randomUUID(), JUNE_1.plusDays(2)))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(stay().endHospitalisation(episode, JUNE_1.plusDays(9)))
                .extracting(NewEvent::payload)
                .containsExactly(new HospitalisationEnded(stay, episode));
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
