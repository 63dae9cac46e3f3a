package org.homeward.intake.person;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.Build;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PhotoKind;
import org.homeward.intake.photo.Photo;
import org.homeward.intake.photo.PhotoStore;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.Commands;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * The person's command handlers (ADR 30): each names the decision; {@link Commands} owns the business
 * time, the caller, the version read ({@code expectedVersion}, null for any) and the transaction.
 */
@ApplicationScoped
public class PersonCommands {

    /** A physical description as staff recorded it, replacing the previous one whole (heights in cm, a range). */
    public record Description(
            Integer heightMinCm,
            Integer heightMaxCm,
            Build build,
            String hair,
            List<DistinguishingMark> marks,
            List<String> disabilities,
            List<String> languages,
            String clothingAtAdmission) {}

    private final Commands commands;
    private final PhotoStore photos;
    private final EventSourcing sourcing;

    public PersonCommands(Commands commands, PhotoStore photos, EventSourcing sourcing) {
        this.commands = commands;
        this.photos = photos;
        this.sourcing = sourcing;
    }

    /** Answers the new fragment's id; {@code collectedBy} null is the caller. */
    public UUID recordFragment(
            UUID personId,
            Long expectedVersion,
            FragmentKind kind,
            String value,
            FragmentSource source,
            String collectedBy,
            OffsetDateTime occurredAt) {
        UUID fragmentId = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        String by =
                collectedBy != null ? collectedBy : commands.metadata().actor().subject();
        decide(personId, expectedVersion, p -> p.recordFragment(fragmentId, kind, value, source, by, at));
        return fragmentId;
    }

    public void confirmIdentity(
            UUID personId, Long expectedVersion, String name, String hometown, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(personId, expectedVersion, p -> p.confirmIdentity(name, hometown, at));
    }

    public void correctIdentity(
            UUID personId,
            Long expectedVersion,
            String name,
            String hometown,
            String reason,
            OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(personId, expectedVersion, p -> p.correctIdentity(name, hometown, reason, at));
    }

    public void describe(UUID personId, Long expectedVersion, Description d, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(
                personId,
                expectedVersion,
                p -> p.describe(
                        d.heightMinCm(),
                        d.heightMaxCm(),
                        d.build(),
                        d.hair(),
                        d.marks(),
                        d.disabilities(),
                        d.languages(),
                        d.clothingAtAdmission(),
                        at));
    }

    /**
     * Adds a photo the resource has checked; answers false when the person already had it (nothing added).
     * Its bytes are stored in the same transaction as the event, once per content across persons.
     */
    public boolean addPhoto(
            UUID personId, Long expectedVersion, Photo photo, PhotoKind kind, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        return commands.inTransaction(c -> {
            boolean appended = !commands.decide(
                            c,
                            stream(personId),
                            expectedVersion,
                            Person::from,
                            (p, ignored) -> p.addPhoto(photo.sha256(), photo.contentType(), photo.size(), kind, at))
                    .isEmpty();
            if (appended) {
                photos.put(c, photo);
            }
            return appended;
        });
    }

    /** A suspected duplicate reviewed: {@code otherPersonId}, a person intake knows, is someone else. */
    public void dismissDuplicate(UUID personId, UUID otherPersonId, String reason, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            if (!Person.from(sourcing.store().load(c, stream(otherPersonId))).exists()) {
                throw HomewardException.rule("otherPersonId", "Unknown person " + otherPersonId);
            }
            return commands.decide(
                    c,
                    stream(personId),
                    null,
                    Person::from,
                    (p, ignored) -> p.dismissDuplicate(otherPersonId, reason, at));
        });
    }

    private interface PersonDecision {
        List<NewEvent> decide(Person person);
    }

    private void decide(UUID personId, Long expectedVersion, PersonDecision decision) {
        commands.decide(stream(personId), expectedVersion, Person::from, (p, c) -> decision.decide(p));
    }

    private static StreamId stream(UUID personId) {
        return StreamId.of(Person.STREAM, personId);
    }
}
