package org.homeward.intake.merge;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.StreamId;
import org.homeward.eventstore.Metadata;
import org.homeward.intake.person.Person;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.sourcing.Commands;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Merging two records of one person and undoing it (ADR 23), the command handlers (ADR 30): the Person
 * aggregate decides on both records; the events go on both streams in one transaction, at the versions
 * they were loaded at. {@link Commands} gives the business time and who asks; a caller bound to a
 * station merges only persons with a stay there (ADR 13). The reads of a person's merges are here too,
 * checked against the person's stream as the commands are.
 */
@ApplicationScoped
public class MergeCommands {
    private final EventSourcing sourcing;
    private final PersonMerges merges;
    private final Commands commands;
    private final Caller caller;

    public MergeCommands(EventSourcing sourcing, PersonMerges merges, Commands commands, Caller caller) {
        this.sourcing = sourcing;
        this.merges = merges;
        this.commands = commands;
        this.caller = caller;
    }

    /** Merges {@code mergedId} into {@code survivorId}; {@code occurredAt} null is now. */
    public PersonMerges.MergeView merge(UUID survivorId, UUID mergedId, String reason, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        String station = caller.stationId();
        Metadata meta = commands.metadata();
        UUID mergeId = UUID.randomUUID();
        return sourcing.inTransaction(c -> {
            LoadedStream survivorStream = load(c, survivorId);
            if (survivorStream.isEmpty()) {
                throw HomewardException.notFound("Person", survivorId);
            }
            LoadedStream mergedStream = load(c, mergedId);
            Person survivor = Person.from(survivorStream);
            Person merged = Person.from(mergedStream);
            // the aggregate's refusals first (itself, unknown, merged already), then what the read models know
            Person.MergeEvents decided = survivor.merge(
                    merged, mergeId, reason, merges.ownStays(c, mergedId), merges.ownFragments(c, mergedId), at);
            if (station != null) {
                requireStation(c, survivorId, "survivorId", station);
                requireStation(c, mergedId, "mergedPersonId", station);
            }
            var overlap = merges.overlappingStays(c, survivorId, mergedId);
            if (overlap.isPresent()) {
                throw new HomewardException(
                        409,
                        "Conflict",
                        "Stay " + overlap.get()[1] + " of person " + mergedId
                                + " overlaps stay " + overlap.get()[0] + " of person " + survivorId
                                + ": one person is not in two stays at once; discharge or correct one of them first",
                        List.of(new FieldError("mergedPersonId", "has a stay overlapping one of the survivor's")));
            }
            sourcing.append(c, survivorStream.id(), survivorStream.version(), decided.survivor(), meta);
            sourcing.append(c, mergedStream.id(), mergedStream.version(), decided.merged(), meta);
            return merges.find(c, mergeId).orElseThrow();
        });
    }

    /** Undoes merge {@code mergeId}, addressed through either of its persons; {@code occurredAt} null is now. */
    public PersonMerges.MergeView unmerge(UUID personId, UUID mergeId, String reason, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        String station = caller.stationId();
        Metadata meta = commands.metadata();
        return sourcing.inTransaction(c -> {
            PersonMerges.MergeView merge = merges.find(c, mergeId)
                    .filter(m -> m.survivorId().equals(personId)
                            || m.mergedPersonId().equals(personId))
                    .orElseThrow(() -> new HomewardException(
                            404,
                            "Not found",
                            "Person " + personId + " has no merge " + mergeId,
                            List.of(new FieldError("mergeId", "is not a merge of this person"))));
            if (station != null) {
                requireStation(c, merge.survivorId(), "personId", station);
            }
            LoadedStream survivorStream = load(c, merge.survivorId());
            LoadedStream mergedStream = load(c, merge.mergedPersonId());
            Person.MergeEvents decided = Person.from(survivorStream).unmerge(mergeId, reason, at);
            sourcing.append(c, survivorStream.id(), survivorStream.version(), decided.survivor(), meta);
            sourcing.append(c, mergedStream.id(), mergedStream.version(), decided.merged(), meta);
            return merges.find(c, mergeId).orElseThrow();
        });
    }

    public List<PersonMerges.MergeView> of(UUID personId) {
        return sourcing.inTransaction(c -> {
            if (load(c, personId).isEmpty()) {
                throw HomewardException.notFound("Person", personId);
            }
            return merges.of(c, personId);
        });
    }

    public PersonMerges.MergeView find(UUID personId, UUID mergeId) {
        return sourcing.inTransaction(c -> merges.find(c, mergeId))
                .filter(m ->
                        m.survivorId().equals(personId) || m.mergedPersonId().equals(personId))
                .orElseThrow(() -> HomewardException.notFound("Merge", mergeId));
    }

    private void requireStation(Connection c, UUID personId, String field, String station) throws SQLException {
        if (!merges.hasStayAt(c, personId, station)) {
            throw new HomewardException(
                    403,
                    "Forbidden",
                    "A user of station " + station + " merges only persons with a stay at that station",
                    List.of(new FieldError(field, "has no stay at the caller's station")));
        }
    }

    private LoadedStream load(Connection c, UUID personId) throws SQLException {
        return sourcing.store().load(c, StreamId.of(Person.STREAM, personId));
    }
}
