package org.homeward.reporting.facts;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.homeward.eventstore.SqlWork;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Facts live in one of two schemas, facts_a and facts_b. Reports read the live one; a rebuild
 * fills the other from the topics and then switches, so figures keep answering meanwhile.
 */
@ApplicationScoped
public class FactSchemas {
    public record State(String live, String rebuilding) {}

    private final EventSourcing sourcing;
    private final String ddl;
    private final String upgrade;
    private final String known;
    /** survivor_of and person_records over the facts' merges: the platform's one definition (ADR 38). */
    private final String chains = PersonMergeTable.chainFunctions(HOLDS);

    private volatile boolean ready;

    public FactSchemas(EventSourcing sourcing) {
        this.sourcing = sourcing;
        try (InputStream in = getClass().getResourceAsStream("/facts/facts.sql");
                InputStream up = getClass().getResourceAsStream("/facts/upgrade.sql");
                InputStream kn = getClass().getResourceAsStream("/facts/known.sql")) {
            this.ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.upgrade = new String(up.readAllBytes(), StandardCharsets.UTF_8);
            this.known = new String(kn.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} against the live facts; the state row is shared-locked so a switch waits for it. */
    public <T> T inLive(SqlWork<T> work) {
        ensureLive();
        return sourcing.inTransaction(c -> {
            use(c, state(c, true).live());
            return work.apply(c);
        });
    }

    /**
     * Runs {@code work} against the live facts as known at {@code knownAt} (null: everything known now):
     * the known-at views of the live schema come first on the search path, so the report SQL is the same.
     */
    public <T> T inLive(KnownAt knownAt, SqlWork<T> work) {
        if (knownAt == null) {
            return inLive(work);
        }
        ensureLive();
        return sourcing.inTransaction(c -> {
            String live = state(c, true).live();
            use(c, live);
            Sql.one(
                    c,
                    "SELECT set_config('homeward.known_at', ?, true)",
                    rs -> 1,
                    knownAt.instant().toString());
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL search_path TO " + knownSchema(live) + ", " + live + ", public");
            }
            return work.apply(c);
        });
    }

    /**
     * Reads an optional knownAt parameter (RFC 3339): absent or blank is null (everything known now);
     * unparsable, in the future or before the platform's first recorded event is bad input naming the field.
     */
    public KnownAt knownAt(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw HomewardException.badInput(field, "must be an RFC 3339 instant, e.g. 2019-01-15T09:00:00+08:00");
        }
        if (at.isAfter(OffsetDateTime.now())) {
            throw HomewardException.badInput(field, "must not be in the future");
        }
        OffsetDateTime first = firstRecorded().orElse(null);
        if (first == null || at.isBefore(first)) {
            throw HomewardException.badInput(
                    field,
                    first == null
                            ? "nothing has been recorded yet"
                            : "must not be before the platform's first recorded event (" + first + ")");
        }
        return new KnownAt(at);
    }

    /** The record time of the earliest event applied to the live facts, if any. */
    public Optional<OffsetDateTime> firstRecorded() {
        return inLive(c -> Sql.one(
                        c, "SELECT min(recorded_at) FROM applied_event", rs -> rs.getObject(1, OffsetDateTime.class)))
                .filter(Objects::nonNull);
    }

    /**
     * A merge of the facts holds once recorded, until its undoing is recorded (as known at, ADR 27): the one
     * definition, for the person_merge row named {@code merge} (the chain functions' and every report's).
     */
    public static String holds(String merge) {
        return merge + ".merged_recorded_at IS NOT NULL AND " + merge + ".unmerged_recorded_at IS NULL";
    }

    static final String HOLDS = holds("m");

    static String knownSchema(String schema) {
        return schema + "_known";
    }

    /** (Re)creates the known-at views of a fact schema (known.sql), bound to its tables. */
    void createKnownViews(Connection c, String schema) throws SQLException {
        String view = knownSchema(schema);
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + view + " CASCADE");
            s.execute("CREATE SCHEMA " + view);
            s.execute(known.replace("${known}", view).replace("${facts}", schema));
        }
    }

    public State state(Connection c, boolean lockShared) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT live, rebuilding FROM projection_state WHERE id = 1" + (lockShared ? " FOR SHARE" : ""),
                        rs -> new State(rs.getString(1), rs.getString(2)))
                .orElseThrow();
    }

    public static void use(Connection c, String schema) throws SQLException {
        if (!schema.matches("facts_[ab]")) {
            throw new IllegalStateException("Not a fact schema: " + schema);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path TO " + schema + ", public");
        }
    }

    /** Drops and creates a fact schema, empty. */
    public void recreate(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        use(c, schema);
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute(chains);
        }
        createKnownViews(c, schema);
    }

    public String other(String schema) {
        return schema.equals("facts_a") ? "facts_b" : "facts_a";
    }

    private void ensureLive() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                sourcing.inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("LOCK TABLE projection_state IN EXCLUSIVE MODE");
                    }
                    String live = state(c, false).live();
                    Optional<Integer> exists = Sql.one(
                            c,
                            "SELECT 1 FROM information_schema.tables "
                                    + "WHERE table_schema = ? AND table_name = 'applied_event'",
                            rs -> 1,
                            live);
                    if (exists.isEmpty()) {
                        recreate(c, live);
                    } else { // a schema from an older facts.sql: add what is new (upgrade.sql)
                        use(c, live);
                        try (Statement s = c.createStatement()) {
                            s.execute(upgrade);
                            s.execute(chains);
                        }
                        createKnownViews(c, live); // views are bound to the columns: made again after an upgrade
                    }
                    return null;
                });
                ready = true;
            }
        }
    }

    public void ensureReady() {
        ensureLive();
    }
}
