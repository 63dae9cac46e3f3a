package org.homeward.events.intake;

import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.personal.DataSubject;
import org.homeward.events.personal.Personal;

/**
 * A person the platform knows, possibly unidentified (无身份). Components marked {@link Personal} are
 * sealed with the person's key in the event store and on the topic, and read as null once the person
 * is erased ({@link PersonErased}, ADR 33); the rest (sex, age, dates, kinds) stays for the figures.
 */
public sealed interface PersonEvent extends DomainEvent {
    UUID personId();

    record PersonRegistered(
            UUID personId,
            @Personal String name,
            Sex sex,
            Integer estimatedAge,
            boolean identified,
            @Personal String hometown,
            @Personal String description)
            implements PersonEvent {}

    record IdentityFragmentRecorded(
            UUID personId,
            UUID fragmentId,
            FragmentKind kind,
            @Personal String value,
            FragmentSource source,
            String collectedBy)
            implements PersonEvent {}

    record IdentityConfirmed(
            UUID personId, @Personal String name, @Personal String hometown) implements PersonEvent {}

    /** A confirmed identity turned out wrong; the earlier confirmation stays in the history. */
    record IdentityCorrected(
            UUID personId,
            @Personal String name,
            @Personal String hometown,
            @Personal String reason) implements PersonEvent {}

    /** search-service found the family; the person awaits pickup until discharged. */
    record FamilyFoundNoted(UUID personId, UUID searchCaseId) implements PersonEvent {}

    /**
     * What the person looks like, as observed; each recording replaces the previous description whole.
     * Heights in cm (a range: staff estimate); languages and dialects as heard (湘西口音).
     */
    record DescriptionRecorded(
            UUID personId,
            Integer heightMinCm,
            Integer heightMaxCm,
            Build build,
            @Personal String hair,
            @Personal List<DistinguishingMark> marks,
            @Personal List<String> disabilities,
            @Personal List<String> languages,
            @Personal String clothingAtAdmission)
            implements PersonEvent {}

    /** A photo stored by its SHA-256 content hash; the bytes stay in the service's photo store, never in events. */
    record PhotoAdded(UUID personId, String sha256, String contentType, long sizeBytes, PhotoKind kind)
            implements PersonEvent {}

    /** Staff reviewed a suspected duplicate pair: this person and {@code otherPersonId} are not the same person. */
    record DuplicateDismissed(
            UUID personId, UUID otherPersonId, @Personal String reason) implements PersonEvent {}

    /**
     * Two records found to be one person: {@code mergedPersonId} now reads as {@code survivorId}. Recorded on
     * both streams ({@code personId} is the stream's person), with who (the actor) and why. Nothing moves:
     * stays, fragments and search cases keep the person they were recorded for, and consumers read them as
     * the survivor's while the merge holds. The merged person's stays and fragments at the merge are listed
     * so staff see what an unmerge gives back; later events about those stays stay the merged person's.
     */
    record PersonMerged(
            UUID personId,
            @DataSubject UUID mergeId, // the reason speaks of both records: a key of its own, destroyed with either
            UUID survivorId,
            UUID mergedPersonId,
            @Personal String reason,
            List<UUID> mergedStayIds,
            List<UUID> mergedFragmentIds)
            implements PersonEvent {}

    /** A merge undone: both records read as themselves again, exactly as before it. On both streams. */
    record PersonUnmerged(
            UUID personId,
            @DataSubject UUID mergeId, // the reason speaks of both records: a key of its own, destroyed with either
            UUID survivorId,
            UUID mergedPersonId,
            @Personal String reason)
            implements PersonEvent {}

    /**
     * The person's personal data erased (个人信息保护法, a family's withdrawn report, a retention rule): their
     * key is destroyed, so every personal value of theirs in the log and on the topics reads as null from
     * now on, and every service clears its own copies. Who erased is the actor; {@code reason} says why
     * (audit), never anything about the person. Figures do not change: nothing they count was personal.
     */
    record PersonErased(UUID personId, String reason) implements PersonEvent {}
}
