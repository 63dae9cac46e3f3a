package org.homeward.events.intake;

import java.util.List;
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

    /**
     * What the person looks like, as observed; each recording replaces the previous description whole.
     * Heights in cm (a range: staff estimate); languages and dialects as heard (湘西口音).
     */
    record DescriptionRecorded(UUID personId, Integer heightMinCm, Integer heightMaxCm, Build build, String hair,
                               List<DistinguishingMark> marks, List<String> disabilities, List<String> languages,
                               String clothingAtAdmission) implements PersonEvent {}

    /** A photo stored by its SHA-256 content hash; the bytes stay in the service's photo store, never in events. */
    record PhotoAdded(UUID personId, String sha256, String contentType, long sizeBytes, PhotoKind kind)
            implements PersonEvent {}

    /** Staff reviewed a suspected duplicate pair: this person and {@code otherPersonId} are not the same person. */
    record DuplicateDismissed(UUID personId, UUID otherPersonId, String reason) implements PersonEvent {}

    /**
     * Two records found to be one person: {@code mergedPersonId} now reads as {@code survivorId}. Recorded on
     * both streams ({@code personId} is the stream's person), with who (the actor) and why. Nothing moves:
     * stays, fragments and search cases keep the person they were recorded for, and consumers read them as
     * the survivor's while the merge holds. The merged person's stays and fragments at the merge are listed
     * so staff see what an unmerge gives back; later events about those stays stay the merged person's.
     */
    record PersonMerged(UUID personId, UUID mergeId, UUID survivorId, UUID mergedPersonId, String reason,
                        List<UUID> mergedStayIds, List<UUID> mergedFragmentIds) implements PersonEvent {}

    /** A merge undone: both records read as themselves again, exactly as before it. On both streams. */
    record PersonUnmerged(UUID personId, UUID mergeId, UUID survivorId, UUID mergedPersonId, String reason)
            implements PersonEvent {}
}
