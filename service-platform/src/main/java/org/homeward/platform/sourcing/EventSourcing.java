package org.homeward.platform.sourcing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.eventstore.ConcurrencyConflictException;
import org.homeward.eventstore.EventStore;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.SqlWork;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.problem.HomewardException;

/**
 * The one way a service changes state: load a stream, let the aggregate decide, append what it
 * decided at the version it was loaded at, and update the local read models, all in one transaction.
 */
@ApplicationScoped
public class EventSourcing {
    static final int CONFLICT_ATTEMPTS = 5;
    private final EventStore store;
    private final Instance<LocalProjection> projections;

    /** Personal values sealed with the service's keys (ADR 33): in its event store and on its topic. */
    @Inject
    public EventSourcing(AgroalDataSource dataSource, Instance<LocalProjection> projections, PersonKeys keys) {
        this.store = new EventStore(new Transactions(dataSource), EventCodec.withKeys(keys));
        this.projections = projections;
    }

    /** Without keys: personal values written in clear, sealed ones read as erased (tools and benchmarks). */
    public EventSourcing(AgroalDataSource dataSource, Instance<LocalProjection> projections) {
        this.store = new EventStore(new Transactions(dataSource), new EventCodec());
        this.projections = projections;
    }

    public EventStore store() {
        return store;
    }

    /**
     * Runs a command's work in one transaction. When a concurrent writer (often a consumer noting
     * another service's news on the same stream) changed a stream between load and append, the work
     * runs again on the new state, a bounded number of times: a caller that sent If-Match then gets
     * 412 from {@link #execute}, one that did not gets the decision on the current state, and 409
     * only when the retries run out.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.transactions().inTransaction(work);
            } catch (ConcurrencyConflictException e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs a command against one stream. {@code expectedVersion}, when given (If-Match), must
     * equal the stream's version or the command is refused with 412.
     */
    public <S> List<EventEnvelope> execute(
            Connection c,
            StreamId stream,
            Long expectedVersion,
            Function<LoadedStream, S> rebuild,
            Function<S, List<NewEvent>> decide,
            Metadata meta)
            throws SQLException {
        LoadedStream loaded = store.load(c, stream);
        if (loaded.isEmpty()) {
            throw HomewardException.notFound(capitalized(stream.type()), stream.id());
        }
        if (expectedVersion != null && expectedVersion != loaded.version()) {
            throw new HomewardException(
                    412,
                    "Precondition failed",
                    "The record is at version " + loaded.version() + ", not " + expectedVersion
                            + " (If-Match); reload it and try again",
                    List.of());
        }
        S state = rebuild.apply(loaded);
        List<NewEvent> decided = decide.apply(state);
        return append(c, stream, loaded.version(), decided, meta);
    }

    /** Starts a new stream; one that exists already is a conflict (409) described by {@code whatExists}. */
    public List<EventEnvelope> create(
            Connection c, StreamId stream, List<NewEvent> events, Metadata meta, String whatExists)
            throws SQLException {
        if (!store.load(c, stream).isEmpty()) {
            throw HomewardException.conflict(whatExists);
        }
        return append(c, stream, 0, events, meta);
    }

    public List<EventEnvelope> append(
            Connection c, StreamId stream, long expectedVersion, List<NewEvent> events, Metadata meta)
            throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        List<EventEnvelope> appended = store.append(c, stream, expectedVersion, events, meta);
        for (EventEnvelope e : appended) {
            for (LocalProjection p : projections) {
                p.apply(c, e);
            }
        }
        return appended;
    }

    private static String capitalized(String type) {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public LoadedStream load(StreamId stream) {
        return store.load(stream);
    }

    /**
     * Drops the local read models and rebuilds them from the event store, in one transaction:
     * commands wait meanwhile, readers see the old views until it commits. Returns the events replayed.
     */
    public long rebuildReadModels() {
        return inTransaction(c -> {
            try (var s = c.createStatement()) {
                for (LocalProjection p : projections) {
                    for (String table : p.tables()) {
                        s.execute("TRUNCATE " + table);
                    }
                }
            }
            return replay(c);
        });
    }

    private long replay(Connection c) throws SQLException {
        long events = 0;
        try (var ps = c.prepareStatement(
                        "SELECT stream_type, stream_id FROM event_store GROUP BY stream_type, stream_id "
                                + "ORDER BY min(position)");
                var rs = ps.executeQuery()) {
            while (rs.next()) {
                for (EventEnvelope e : store.load(c, new StreamId(rs.getString(1), rs.getString(2)))
                        .events()) {
                    events++;
                    for (LocalProjection p : projections) {
                        p.apply(c, e);
                    }
                }
            }
        }
        return events;
    }
}
