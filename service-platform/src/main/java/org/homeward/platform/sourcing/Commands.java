package org.homeward.platform.sourcing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.SqlWork;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.security.Caller;

/**
 * What every command handler repeats, in one place: the business time of the command (the
 * caller's {@code occurredAt}, or now), who asks (the caller's metadata with a fresh correlation
 * id), the version the caller read ({@code If-Match}, or any), and one transaction that loads the
 * stream, lets the aggregate decide, appends at the loaded version and updates the local read
 * models. A keyed POST's idempotent answer is stored in that same transaction by the request
 * filter (ADR 11). The per-aggregate handlers (e.g. {@code StayCommands}) say only what to decide.
 */
@ApplicationScoped
public class Commands {
    private final EventSourcing sourcing;
    private final Caller caller;

    public Commands(EventSourcing sourcing, Caller caller) {
        this.sourcing = sourcing;
        this.caller = caller;
    }

    /** The decision of one aggregate on its current state; it may consult the read models on {@code c}. */
    @FunctionalInterface
    public interface Decision<A> {
        List<NewEvent> decide(A aggregate, Connection c) throws SQLException;
    }

    /** When the command's fact happened: the caller's {@code occurredAt} (past allowed, future refused) or now. */
    public OffsetDateTime at(OffsetDateTime occurredAt) {
        return BusinessTime.resolve(occurredAt);
    }

    /** Who asks, for the events appended. */
    public Metadata metadata() {
        return caller.metadata();
    }

    /** A decision on an existing record, in its own transaction (retried on a concurrent append, ADR 11). */
    public <A> List<EventEnvelope> decide(
            StreamId stream, Long expectedVersion, Function<LoadedStream, A> rebuild, Decision<A> decision) {
        return sourcing.inTransaction(c -> decide(c, stream, expectedVersion, rebuild, decision));
    }

    /** The same, within a transaction the handler opened to check something first. */
    public <A> List<EventEnvelope> decide(
            Connection c,
            StreamId stream,
            Long expectedVersion,
            Function<LoadedStream, A> rebuild,
            Decision<A> decision)
            throws SQLException {
        return sourcing.execute(
                c,
                stream,
                expectedVersion,
                rebuild,
                aggregate -> {
                    try {
                        return decision.decide(aggregate, c);
                    } catch (SQLException e) {
                        throw new Transactions.DataAccessException(e);
                    }
                },
                metadata());
    }

    /** A new record's first events; a stream that exists already answers 409 with {@code whatExists}. */
    public List<EventEnvelope> start(Connection c, StreamId stream, List<NewEvent> events, String whatExists)
            throws SQLException {
        return sourcing.create(c, stream, events, metadata(), whatExists);
    }

    /** A new record's first events at version 0 (a concurrent creation of the same id loses with 409). */
    public List<EventEnvelope> append(Connection c, StreamId stream, List<NewEvent> events) throws SQLException {
        return sourcing.append(c, stream, 0, events, metadata());
    }

    /** Several steps in one transaction (checks of other records, then the decision). */
    public <T> T inTransaction(SqlWork<T> work) {
        return sourcing.inTransaction(work);
    }
}
