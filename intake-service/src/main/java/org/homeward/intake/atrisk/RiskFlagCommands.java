package org.homeward.intake.atrisk;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.RiskFlag;
import org.homeward.eventstore.SqlWork;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.Commands;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * The risk flags' command handlers (ADR 30): a flag is decided on the flags as shown (the changes of all
 * the person's records) and recorded on the survivor's own stream, which may not exist yet, so the handler
 * loads and appends itself; {@link Commands} gives the business time and the caller. Each answers what
 * {@code answer} reads in the same transaction (the flags as they now stand).
 */
@ApplicationScoped
public class RiskFlagCommands {
    private final Commands commands;
    private final EventSourcing sourcing;
    private final FlagChanges changes;

    public RiskFlagCommands(Commands commands, EventSourcing sourcing, FlagChanges changes) {
        this.commands = commands;
        this.sourcing = sourcing;
        this.changes = changes;
    }

    /** A flag set by hand, no earlier than the person's registration. */
    public <T> T set(
            UUID personId,
            Long expectedVersion,
            RiskFlag flag,
            String note,
            OffsetDateTime occurredAt,
            SqlWork<T> answer) {
        OffsetDateTime at = commands.at(occurredAt);
        return commands.inTransaction(c -> {
            FlagChanges.Registration person = changes.registration(c, personId);
            changes.requireActive(c, personId);
            if (at.isBefore(person.at())) {
                throw HomewardException.rule(
                        "occurredAt", "must not be before the person's registration (" + person.at() + ")");
            }
            decide(c, personId, expectedVersion, f -> f.set(personId, flag, person.estimatedAge(), note, at));
            return answer.apply(c);
        });
    }

    public <T> T clear(
            UUID personId,
            Long expectedVersion,
            RiskFlag flag,
            String note,
            OffsetDateTime occurredAt,
            SqlWork<T> answer) {
        OffsetDateTime at = commands.at(occurredAt);
        return commands.inTransaction(c -> {
            changes.registration(c, personId);
            changes.requireActive(c, personId);
            decide(c, personId, expectedVersion, f -> f.clear(personId, flag, note, at));
            return answer.apply(c);
        });
    }

    private void decide(Connection c, UUID personId, Long expectedVersion, Function<RiskFlags, List<NewEvent>> decision)
            throws SQLException {
        LoadedStream loaded = changes.own(c, personId);
        if (expectedVersion != null && expectedVersion != loaded.version()) {
            throw new HomewardException(
                    412,
                    "Precondition failed",
                    "The flags are at version " + loaded.version() + ", not " + expectedVersion
                            + " (If-Match); reload them and try again",
                    List.of());
        }
        // decided on the flags as shown (all the person's records), recorded on the survivor's own stream
        sourcing.append(
                c,
                StreamId.of(RiskFlags.STREAM, personId),
                loaded.version(),
                decision.apply(RiskFlags.of(changes.of(c, personId, loaded))),
                commands.metadata());
    }
}
