package org.homeward.intake.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StateConflict;
import org.homeward.domain.StreamId;
import org.homeward.domain.UnknownRecord;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.junit.jupiter.api.Test;

/** Erasing a person (ADR 33): once, with a reason; afterwards nothing more is recorded about them. */
class PersonErasureTest {
    static final OffsetDateTime AT = OffsetDateTime.of(2019, 3, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    final UUID person = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void an_erasure_is_an_event_with_its_reason() {
        given(new PersonRegistered(person, "覃秀凤", Sex.FEMALE, 63, false, null, null));

        List<NewEvent> decided = person().erase("  家属撤回寻人登记 ", AT);

        assertThat(decided).extracting(NewEvent::payload).containsExactly(new PersonErased(person, "家属撤回寻人登记"));
    }

    @Test
    void erasing_twice_without_a_reason_or_an_unknown_person_is_refused() {
        assertThatThrownBy(() -> person().erase("x", AT)).isInstanceOf(UnknownRecord.class);
        given(new PersonRegistered(person, "覃秀凤", Sex.FEMALE, 63, false, null, null));
        assertThatThrownBy(() -> person().erase(" ", AT))
                .isInstanceOfSatisfying(
                        InvalidCommand.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("reason"));
        given(new PersonErased(person, "家属撤回"));

        assertThatThrownBy(() -> person().erase("again", AT))
                .isInstanceOf(StateConflict.class)
                .hasMessageContaining("erased already");
    }

    @Test
    void nothing_more_is_recorded_about_an_erased_person() {
        given(new PersonRegistered(person, "覃秀凤", Sex.FEMALE, 63, false, null, null));
        given(new PersonErased(person, "家属撤回"));

        assertThatThrownBy(() -> person().recordFragment(
                                UUID.randomUUID(), FragmentKind.NAME, "覃秀凤", FragmentSource.STAFF, "staff-li", AT))
                .isInstanceOf(StateConflict.class)
                .hasMessageContaining("was erased");
        assertThatThrownBy(() -> person().confirmIdentity("覃秀凤", "湖南", AT)).isInstanceOf(StateConflict.class);
        assertThat(person().noteFamilyFound(UUID.randomUUID(), AT)).hasSize(1); // news of a found family still lands
    }

    private void given(DomainEvent event) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                Person.STREAM,
                person.toString(),
                history.size() + 1,
                AT,
                AT,
                null,
                null,
                null,
                event));
    }

    private Person person() {
        return Person.from(new LoadedStream(StreamId.of(Person.STREAM, person), history.size(), history));
    }
}
