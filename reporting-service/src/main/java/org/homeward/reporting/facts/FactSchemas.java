package org.homeward.reporting.facts;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.homeward.eventstore.SqlWork;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Facts live in one of two schemas, facts_a and facts_b. Reports read the live one; a rebuild
 * fills the other from the topics and then switches, so figures keep answering meanwhile.
 * <p>
 * A schema made or upgraded by this version carries its {@link #mark} (the schema's comment, a digest of
 * facts.sql, upgrade.sql, the chain functions and known.sql): every transaction that reads or feeds the live
 * facts checks it and first upgrades a live schema without it, so one that became live since this instance
 * started (a rebuild target made before an upgrade) does not keep the old functions (ADR 45).
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

    /** The comment a fact schema current with this version carries. */
    private final String mark;

    /**
     * The schemas (by oid: a rebuild's schema is a new one) seen here with this version's mark. Another version's
     * mark on one of them is left alone: two versions side by side (a rolling upgrade) would otherwise upgrade the
     * live schema back and forth in every transaction. A schema without any mark is always upgraded.
     */
    private final Set<Long> seenCurrent = ConcurrentHashMap.newKeySet();

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
        this.mark = MARKED + digest(ddl, upgrade, chains, known);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} against the live facts; the state row is shared-locked so a switch waits for it. */
    public <T> T inLive(SqlWork<T> work) {
        ensureLive();
        return sourcing.inTransaction(c -> {
            use(c, current(c).live());
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
            String live = current(c).live();
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

    /**
     * The state, shared-locked (a switch waits for the transaction), with the live schema brought up to this
     * version first when it lacks the {@link #mark}: a schema that became live since this instance last looked
     * (a rebuild finished elsewhere, its target made before an upgrade) is read and fed with the current tables,
     * functions and views. The mark is read with the state, in the same statement.
     */
    public State current(Connection c) throws SQLException {
        String[] row = Sql.one(
                        c,
                        "SELECT p.live, p.rebuilding, obj_description(n.oid, 'pg_namespace'), n.oid::bigint "
                                + "FROM projection_state p LEFT JOIN pg_namespace n ON n.nspname = p.live "
                                + "WHERE p.id = 1 FOR SHARE OF p",
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .orElseThrow();
        Long oid = row[3] == null ? null : Long.valueOf(row[3]);
        if (mark.equals(row[2])) {
            seenCurrent.add(oid); // once committed: a rolled-back upgrade is not taken for one
        } else if (row[2] == null || !row[2].startsWith(MARKED) || !seenCurrent.contains(oid)) {
            makeCurrent(c, row[0]);
        }
        return new State(row[0], row[1]);
    }

    /** How every version's mark begins. */
    private static final String MARKED = "homeward facts ";

    /** Whether {@code schema} was made or upgraded by this version (it carries the mark). */
    public boolean isCurrent(Connection c, String schema) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?",
                        rs -> rs.getString(1),
                        schema)
                .filter(mark::equals)
                .isPresent();
    }

    /**
     * Makes {@code schema} current: created when it has no facts yet, else upgraded (upgrade.sql, the chain
     * functions, the known-at views). One at a time over all instances (a transaction-scoped advisory lock), and
     * nothing to do when another did it meanwhile.
     */
    private void makeCurrent(Connection c, String schema) throws SQLException {
        Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> 1, UPGRADE_LOCK);
        if (isCurrent(c, schema)) {
            return;
        }
        Optional<Integer> exists = Sql.one(
                c,
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'applied_event'",
                rs -> 1,
                schema);
        if (exists.isEmpty()) {
            recreate(c, schema);
        } else {
            upgrade(c, schema);
        }
    }

    /** The advisory lock key under which fact schemas are made current ("factsupg"). */
    private static final long UPGRADE_LOCK = 0x6661637473757067L;

    /**
     * Brings a fact schema from an older facts.sql up to this one: adds what is new (upgrade.sql, idempotent),
     * replaces the chain functions and makes the known-at views again (they are bound to the columns). A rebuild
     * target's caller restores its deferred indexes first: upgrade.sql creates indexes.
     */
    public void upgrade(Connection c, String schema) throws SQLException {
        use(c, schema);
        try (Statement s = c.createStatement()) {
            s.execute(upgrade);
            s.execute(chains);
        }
        createKnownViews(c, schema);
        markCurrent(c, schema);
    }

    private void markCurrent(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMENT ON SCHEMA " + schema + " IS '" + mark + "'");
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
        markCurrent(c, schema);
    }

    public String other(String schema) {
        return schema.equals("facts_a") ? "facts_b" : "facts_a";
    }

    /** At first use: the live schema made current (created on a fresh database); later checks are per transaction. */
    private void ensureLive() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                sourcing.inTransaction(this::current);
                ready = true;
            }
        }
    }

    public void ensureReady() {
        ensureLive();
    }
}
