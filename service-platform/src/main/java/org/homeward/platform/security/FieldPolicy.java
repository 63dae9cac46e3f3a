package org.homeward.platform.security;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.homeward.events.DomainEvent;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PhotoAdded;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;

/**
 * The one table of which roles may see which classes of personal data. Read models mark their
 * fields with {@link Classified} and the JSON writer leaves out what the caller may not see;
 * event histories drop the events of a class the caller may not see. An endpoint's roles decide
 * whether a record can be read at all; this table decides what of it.
 */
public final class FieldPolicy {

    public enum DataClass {
        /** Hospital episodes, whether someone is in hospital, the hospital's name. */
        HEALTH,
        /** What was pieced together about an unidentified person: nicknames, accents, ID number fragments. */
        IDENTITY_FRAGMENTS,
        /** Who reported a lead and whom the search team contacted (people's names, units, phone numbers). */
        CONTACT_DETAILS
    }

    private static final Map<DataClass, Set<String>> READERS = Map.of(
            DataClass.HEALTH, Set.of(Roles.STATION_STAFF, Roles.ADMIN),
            DataClass.IDENTITY_FRAGMENTS,
                    Set.of(Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN),
            DataClass.CONTACT_DETAILS, Set.of(Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN));

    /** Events that are wholly of one class: their mere existence says it (a hospitalisation is health data). */
    private static final Map<Class<? extends DomainEvent>, DataClass> EVENTS = Map.of(
            HospitalisationStarted.class, DataClass.HEALTH,
            HospitalisationEnded.class, DataClass.HEALTH,
            IdentityFragmentRecorded.class, DataClass.IDENTITY_FRAGMENTS,
            // a description names disabilities: the whole event is as protected as its most sensitive part
            DescriptionRecorded.class, DataClass.HEALTH,
            PhotoAdded.class, DataClass.IDENTITY_FRAGMENTS,
            // the reason of a duplicate review says who the person is not (a family looked at a photo)
            PersonEvent.DuplicateDismissed.class, DataClass.IDENTITY_FRAGMENTS,
            // so does a merge's reason, and its undoing's (who the person is, who they are not)
            PersonEvent.PersonMerged.class, DataClass.IDENTITY_FRAGMENTS,
            PersonEvent.PersonUnmerged.class, DataClass.IDENTITY_FRAGMENTS);

    public static boolean mayRead(Collection<String> roles, DataClass dataClass) {
        return roles.stream().anyMatch(READERS.get(dataClass)::contains);
    }

    public static Optional<DataClass> classOf(DomainEvent event) {
        return Optional.ofNullable(event == null ? null : EVENTS.get(event.getClass()));
    }

    public static boolean mayRead(Collection<String> roles, DomainEvent event) {
        return classOf(event).map(c -> mayRead(roles, c)).orElse(true);
    }

    private FieldPolicy() {}
}
