package org.homeward.intake.person;

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
import org.homeward.events.intake.Build;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.MarkKind;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.PersonEvent.PhotoAdded;
import org.homeward.events.intake.PhotoKind;
import org.homeward.events.intake.Sex;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class PersonDescriptionTest {
    static final OffsetDateTime JUNE_1 = OffsetDateTime.of(2018, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final String HASH = "a".repeat(64);
    final UUID person = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void a_description_is_recorded_whole() {
        given(new PersonRegistered(person, null, Sex.MALE, 40, false, null, null));
        List<DistinguishingMark> marks = List.of(new DistinguishingMark(MarkKind.MISSING_FINGER, "左手", "食指缺一节"));

        List<NewEvent> decided = person().describe(
                        165, 170, Build.SLIGHT, "短发", marks, List.of("听力障碍"), List.of("湘西口音"), "蓝色夹克", JUNE_1);

        assertThat(decided)
                .extracting(NewEvent::payload)
                .containsExactly(new DescriptionRecorded(
                        person, 165, 170, Build.SLIGHT, "短发", marks, List.of("听力障碍"), List.of("湘西口音"), "蓝色夹克"));
    }

    @Test
    void a_height_range_upside_down_or_a_description_of_nothing_is_refused() {
        given(new PersonRegistered(person, null, Sex.MALE, 40, false, null, null));

        assertThatThrownBy(() -> person().describe(175, 160, null, null, List.of(), List.of(), List.of(), null, JUNE_1))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("heightMaxCm"));
        assertThatThrownBy(
                        () -> person().describe(null, null, null, null, List.of(), List.of(), List.of(), null, JUNE_1))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("description"));
    }

    @Test
    void the_same_photo_twice_is_added_once() {
        given(new PersonRegistered(person, null, Sex.FEMALE, 30, false, null, null));
        assertThat(person().addPhoto(HASH, "image/jpeg", 1000, PhotoKind.ADMISSION, JUNE_1))
                .extracting(NewEvent::payload)
                .containsExactly(new PhotoAdded(person, HASH, "image/jpeg", 1000, PhotoKind.ADMISSION));

        given(new PhotoAdded(person, HASH, "image/jpeg", 1000, PhotoKind.ADMISSION));

        assertThat(person().addPhoto(HASH, "image/jpeg", 1000, PhotoKind.LATER, JUNE_1))
                .isEmpty();
    }

    private void given(DomainEvent event) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                Person.STREAM,
                person.toString(),
                history.size() + 1,
                JUNE_1,
                JUNE_1,
                null,
                null,
                null,
                event));
    }

    private Person person() {
        return Person.from(new LoadedStream(StreamId.of(Person.STREAM, person), history.size(), history));
    }
}
