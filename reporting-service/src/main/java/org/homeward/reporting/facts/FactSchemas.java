package org.homeward.reporting.facts;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.homeward.eventstore.SqlWork;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * Facts live in one of two schemas, facts_a and facts_b. Reports read the live one; a rebuild
 * fills the other from the topics and then switches, so figures keep answering meanwhile.
 */
@ApplicationScoped
public class FactSchemas {
    public record State(String live, String rebuilding) {
    }

    private final EventSourcing sourcing;
    private final String ddl;
    private final String upgrade;
    private volatile boolean ready;

    public FactSchemas(EventSourcing sourcing) {
        this.sourcing = sourcing;
        try (InputStream in = getClass().getResourceAsStream("/facts/facts.sql");
             InputStream up = getClass().getResourceAsStream("/facts/upgrade.sql")) {
            this.ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.upgrade = new String(up.readAllBytes(), StandardCharsets.UTF_8);
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

    public State state(Connection c, boolean lockShared) throws SQLException {
        return Sql.one(c, "SELECT live, rebuilding FROM projection_state WHERE id = 1" + (lockShared ? " FOR SHARE" : ""),
                rs -> new State(rs.getString(1), rs.getString(2))).orElseThrow();
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
        }
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
                    Optional<Integer> exists = Sql.one(c, "SELECT 1 FROM information_schema.tables "
                            + "WHERE table_schema = ? AND table_name = 'applied_event'", rs -> 1, live);
                    if (exists.isEmpty()) {
                        recreate(c, live);
                    } else { // a schema from an older facts.sql: add what is new (upgrade.sql)
                        use(c, live);
                        try (Statement s = c.createStatement()) {
                            s.execute(upgrade);
                        }
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
