package org.homeward.intake.person;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.FamilyFoundNoted;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.eventstore.LoadedStream;
import org.homeward.eventstore.NewEvent;
import org.homeward.platform.problem.HomewardException;

/** A person and what is known of who they are. Decides on identity commands; evolves from its events. */
public final class Person {
    public static final String STREAM = "person";

    private UUID id;
    private boolean identityConfirmed;
    private final List<UUID> familyFoundBy = new ArrayList<>();

    public static Person from(LoadedStream stream) {
        Person person = new Person();
        stream.events().forEach(e -> person.evolve(e));
        return person;
    }

    public static List<NewEvent> register(UUID personId, String name, org.homeward.events.intake.Sex sex,
                                          Integer estimatedAge, boolean identified, String hometown,
                                          String description, OffsetDateTime at) {
        if (identified && (isBlank(name) || isBlank(hometown))) {
            throw HomewardException.badInput(isBlank(name) ? "person.name" : "person.hometown",
                    "is required when the person is identified");
        }
        return List.of(new NewEvent(new PersonRegistered(personId, name, sex, estimatedAge, identified, hometown,
                description), at));
    }

    public List<NewEvent> recordFragment(UUID fragmentId, FragmentKind kind, String value, FragmentSource source,
                                         String collectedBy, OffsetDateTime at) {
        requireExists();
        return List.of(new NewEvent(new IdentityFragmentRecorded(id, fragmentId, kind, value, source, collectedBy), at));
    }

    public List<NewEvent> confirmIdentity(String name, String hometown, OffsetDateTime at) {
        requireExists();
        if (identityConfirmed) {
            throw HomewardException.conflict("Identity of person " + id
                    + " is already confirmed; a wrong identity is changed with an explicit correction");
        }
        return List.of(new NewEvent(new IdentityConfirmed(id, name, hometown), at));
    }

    public List<NewEvent> correctIdentity(String name, String hometown, String reason, OffsetDateTime at) {
        requireExists();
        if (!identityConfirmed) {
            throw HomewardException.rule(null, "Identity of person " + id + " was never confirmed: confirm it instead");
        }
        return List.of(new NewEvent(new IdentityCorrected(id, name, hometown, reason), at));
    }

    /** Repeats (the same search case reported twice) change nothing. */
    public List<NewEvent> noteFamilyFound(UUID searchCaseId, OffsetDateTime at) {
        requireExists();
        if (familyFoundBy.contains(searchCaseId)) {
            return List.of();
        }
        return List.of(new NewEvent(new FamilyFoundNoted(id, searchCaseId), at));
    }

    public boolean exists() {
        return id != null;
    }

    public boolean identityConfirmed() {
        return identityConfirmed;
    }

    private void evolve(EventEnvelope envelope) {
        PersonEvent event = (PersonEvent) envelope.payload();
        if (event instanceof PersonRegistered e) {
            id = e.personId();
            identityConfirmed = e.identified();
        } else if (event instanceof IdentityConfirmed) {
            identityConfirmed = true;
        } else if (event instanceof FamilyFoundNoted e) {
            familyFoundBy.add(e.searchCaseId());
        }
    }

    private void requireExists() {
        if (id == null) {
            throw HomewardException.notFound("Person", "");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
