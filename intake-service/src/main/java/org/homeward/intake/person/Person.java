package org.homeward.intake.person;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.domain.UnknownRecord;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.Build;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.FamilyFoundNoted;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.IdentityCorrected;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.events.intake.PersonEvent.PhotoAdded;
import org.homeward.events.intake.PhotoKind;
import org.homeward.events.intake.Sex;

/** A person and what is known of who they are. Decides on identity commands; evolves from its events. */
@Aggregate
public final class Person {
    public static final String STREAM = "person";

    private UUID id;
    private boolean identityConfirmed;
    private final List<UUID> familyFoundBy = new ArrayList<>();
    private final Set<String> photoHashes = new HashSet<>();
    /** While merged away: the survivor, and the merge that made it one. */
    private UUID mergedInto;

    private UUID mergedBy;
    /** Merges into this person that hold: merge id → the merged person. */
    private final Map<UUID, UUID> absorbed = new HashMap<>();

    private final Set<UUID> undoneMerges = new HashSet<>();
    /** Once erased, the person takes no more commands that would record something about them. */
    private boolean erased;

    public static Person from(LoadedStream stream) {
        Person person = new Person();
        stream.events().forEach(e -> person.evolve(e));
        return person;
    }

    public static List<NewEvent> register(
            UUID personId,
            String name,
            Sex sex,
            Integer estimatedAge,
            boolean identified,
            String hometown,
            String description,
            OffsetDateTime at) {
        if (identified && (isBlank(name) || isBlank(hometown))) {
            throw new InvalidCommand(
                    isBlank(name) ? "person.name" : "person.hometown", "is required when the person is identified");
        }
        return List.of(new NewEvent(
                new PersonRegistered(personId, name, sex, estimatedAge, identified, hometown, description), at));
    }

    public List<NewEvent> recordFragment(
            UUID fragmentId,
            FragmentKind kind,
            String value,
            FragmentSource source,
            String collectedBy,
            OffsetDateTime at) {
        requireActive();
        return List.of(
                new NewEvent(new IdentityFragmentRecorded(id, fragmentId, kind, value, source, collectedBy), at));
    }

    public List<NewEvent> confirmIdentity(String name, String hometown, OffsetDateTime at) {
        requireActive();
        if (identityConfirmed) {
            throw new StateConflict("Identity of person " + id
                    + " is already confirmed; a wrong identity is changed with an explicit correction");
        }
        return List.of(new NewEvent(new IdentityConfirmed(id, name, hometown), at));
    }

    public List<NewEvent> correctIdentity(String name, String hometown, String reason, OffsetDateTime at) {
        requireActive();
        if (!identityConfirmed) {
            throw new RuleViolated(null, "Identity of person " + id + " was never confirmed: confirm it instead");
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

    /** A physical description, replacing the previous one whole; heights are a range staff estimated. */
    public List<NewEvent> describe(
            Integer heightMinCm,
            Integer heightMaxCm,
            Build build,
            String hair,
            List<DistinguishingMark> marks,
            List<String> disabilities,
            List<String> languages,
            String clothingAtAdmission,
            OffsetDateTime at) {
        requireActive();
        if (heightMinCm != null && heightMaxCm != null && heightMaxCm < heightMinCm) {
            throw new InvalidCommand("heightMaxCm", "must not be below heightMinCm (" + heightMinCm + ")");
        }
        if (heightMinCm == null
                && heightMaxCm == null
                && build == null
                && isBlank(hair)
                && marks.isEmpty()
                && disabilities.isEmpty()
                && languages.isEmpty()
                && isBlank(clothingAtAdmission)) {
            throw new InvalidCommand("description", "describes nothing: give at least one feature");
        }
        return List.of(new NewEvent(
                new DescriptionRecorded(
                        id,
                        heightMinCm,
                        heightMaxCm,
                        build,
                        hair,
                        List.copyOf(marks),
                        List.copyOf(disabilities),
                        List.copyOf(languages),
                        clothingAtAdmission),
                at));
    }

    /** The same photo (same content hash) added again changes nothing. */
    public List<NewEvent> addPhoto(
            String sha256, String contentType, long sizeBytes, PhotoKind kind, OffsetDateTime at) {
        requireActive();
        if (photoHashes.contains(sha256)) {
            return List.of();
        }
        return List.of(new NewEvent(new PhotoAdded(id, sha256, contentType, sizeBytes, kind), at));
    }

    private final Set<UUID> notDuplicates = new HashSet<>();

    /** A suspected duplicate reviewed: {@code other} is someone else. Once per pair. */
    public List<NewEvent> dismissDuplicate(UUID other, String reason, OffsetDateTime at) {
        requireActive();
        if (id.equals(other)) {
            throw new InvalidCommand("otherPersonId", "is the same person");
        }
        if (notDuplicates.contains(other)) {
            throw new StateConflict(
                    "This pair was already reviewed as two people", "otherPersonId", "already reviewed");
        }
        return List.of(new NewEvent(new PersonEvent.DuplicateDismissed(id, other, reason), at));
    }

    /** Two records decided to be one person: the events for the survivor's stream and for the merged person's. */
    public record MergeEvents(List<NewEvent> survivor, List<NewEvent> merged) {}

    /**
     * Merges {@code merged} into this person (the survivor). Refused for the person itself and for a record
     * merged away already (either side). A merged person that others were merged into takes them along:
     * they read as this survivor too, and go back to it when this merge is undone (ADR 31). No cycle can
     * form, as neither side is merged away.
     */
    public MergeEvents merge(
            Person merged,
            UUID mergeId,
            String reason,
            List<UUID> mergedStays,
            List<UUID> mergedFragments,
            OffsetDateTime at) {
        requireExists();
        requireNotErased("survivorId");
        if (mergedInto != null) {
            throw mergedAway("survivorId", id, mergedInto);
        }
        if (!merged.exists()) {
            throw new RuleViolated("mergedPersonId", "Unknown person");
        }
        merged.requireNotErased("mergedPersonId");
        if (id.equals(merged.id)) {
            throw new InvalidCommand("mergedPersonId", "is the survivor itself: a person is not merged with itself");
        }
        if (merged.mergedInto != null) {
            throw mergedAway("mergedPersonId", merged.id, merged.mergedInto);
        }
        List<UUID> stays = List.copyOf(mergedStays);
        List<UUID> fragments = List.copyOf(mergedFragments);
        return new MergeEvents(
                List.of(new NewEvent(new PersonMerged(id, mergeId, id, merged.id, reason, stays, fragments), at)),
                List.of(new NewEvent(
                        new PersonMerged(merged.id, mergeId, id, merged.id, reason, stays, fragments), at)));
    }

    /**
     * Undoes merge {@code mergeId} of this survivor: both records read as themselves again. Once. While this
     * survivor is itself merged into another record the undo is refused: the outer merge is undone first, so
     * every undo gives back exactly the chain that stood before its merge (ADR 31).
     */
    public MergeEvents unmerge(UUID mergeId, String reason, OffsetDateTime at) {
        requireExists();
        requireNotErased("personId");
        UUID merged = absorbed.get(mergeId);
        if (merged != null && mergedInto != null) {
            throw new StateConflict(
                    "Person " + id + " was merged into " + mergedInto + " afterwards (merge " + mergedBy
                            + "): undo that merge first",
                    "mergeId",
                    "is inside merge " + mergedBy + ", which still holds");
        }
        if (merged == null) {
            if (undoneMerges.contains(mergeId)) {
                throw new StateConflict("Merge " + mergeId + " was already undone", "mergeId", "already undone");
            }
            throw new RuleViolated("mergeId", "Merge " + mergeId + " is not a merge into person " + id);
        }
        return new MergeEvents(
                List.of(new NewEvent(new PersonUnmerged(id, mergeId, id, merged, reason), at)),
                List.of(new NewEvent(new PersonUnmerged(merged, mergeId, id, merged, reason), at)));
    }

    /**
     * Erases the person's personal data (ADR 33): the event says who and why; the command handler destroys
     * the person's keys in the same transaction. Once only; a reason is required (it is the audit).
     */
    public List<NewEvent> erase(String reason, OffsetDateTime at) {
        requireExists();
        if (isBlank(reason)) {
            throw new InvalidCommand("reason", "is required: say why the person's data are erased");
        }
        if (erased) {
            throw new StateConflict("Person " + id + " was erased already", "personId", "already erased");
        }
        return List.of(new NewEvent(new PersonEvent.PersonErased(id, reason.strip()), at));
    }

    public boolean erased() {
        return erased;
    }

    /** The survivor this record was merged into, while the merge holds. */
    public Optional<UUID> mergedInto() {
        return Optional.ofNullable(mergedInto);
    }

    /** A merged-away record takes no commands from users: they are addressed to the survivor (409 names it). */
    public void requireActive() {
        requireExists();
        if (erased) {
            throw new StateConflict(
                    "Person " + id + " was erased: nothing more is recorded about them", "personId", "was erased");
        }
        if (mergedInto != null) {
            throw mergedAway("personId", id, mergedInto);
        }
    }

    private static StateConflict mergedAway(String field, UUID person, UUID survivor) {
        return new StateConflict(
                "Person " + person + " was merged into " + survivor + ": address the survivor " + survivor
                        + " (or undo the merge)",
                field,
                "was merged into " + survivor);
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
        } else if (event instanceof PhotoAdded e) {
            photoHashes.add(e.sha256());
        } else if (event instanceof PersonEvent.DuplicateDismissed e) {
            notDuplicates.add(e.otherPersonId());
        } else if (event instanceof PersonMerged e) {
            if (id.equals(e.survivorId())) {
                absorbed.put(e.mergeId(), e.mergedPersonId());
            } else {
                mergedInto = e.survivorId();
                mergedBy = e.mergeId();
            }
        } else if (event instanceof PersonEvent.PersonErased) {
            erased = true;
        } else if (event instanceof PersonUnmerged e) {
            absorbed.remove(e.mergeId());
            undoneMerges.add(e.mergeId());
            if (!id.equals(e.survivorId())) {
                mergedInto = null;
                mergedBy = null;
            }
        }
    }

    /** An erased record is in no merge made or undone after its erasure: that would record something about it. */
    private void requireNotErased(String field) {
        if (erased) {
            throw new StateConflict(
                    "Person " + id + " was erased: nothing more is recorded about them", field, "was erased");
        }
    }

    private void requireExists() {
        if (id == null) {
            throw new UnknownRecord("Person", "");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
