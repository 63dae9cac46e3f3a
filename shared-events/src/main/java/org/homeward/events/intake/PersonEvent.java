package org.homeward.events.intake;

import java.util.UUID;
import org.homeward.events.DomainEvent;

/** A person the platform knows, possibly unidentified (无身份). */
public sealed interface PersonEvent extends DomainEvent {
    UUID personId();

    record PersonRegistered(UUID personId, String name, Sex sex, Integer estimatedAge, boolean identified,
                            String hometown, String description) implements PersonEvent {}

    record IdentityFragmentRecorded(UUID personId, UUID fragmentId, FragmentKind kind, String value,
                                    FragmentSource source, String collectedBy) implements PersonEvent {}

    record IdentityConfirmed(UUID personId, String name, String hometown) implements PersonEvent {}

    /** A confirmed identity turned out wrong; the earlier confirmation stays in the history. */
    record IdentityCorrected(UUID personId, String name, String hometown, String reason) implements PersonEvent {}

    /** search-service found the family; the person awaits pickup until discharged. */
    record FamilyFoundNoted(UUID personId, UUID searchCaseId) implements PersonEvent {}
}
