package org.homeward.reporting.rebuild;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.rebuild.Rebuilder.Progress;
import org.jboss.logging.Logger;

/**
 * The latest rebuild's progress in the shared database (table rebuild_run), so that every instance of
 * reporting-service answers it, not only the one running the rebuild.
 */
@ApplicationScoped
public class RebuildRuns {
    private static final Logger LOG = Logger.getLogger(RebuildRuns.class);

    private final AgroalDataSource dataSource;

    public RebuildRuns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the runner's progress. Best effort, in a statement of its own: a database away now is what the
     * rebuild itself waits out, and the next report writes the row again.
     */
    void record(Progress p) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.update(
                    c,
                    "INSERT INTO rebuild_run (id, state, target, done, total, events_per_second, started_at, "
                            + "finished_at, error, resumed_from) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, target = excluded.target, "
                            + "done = excluded.done, total = excluded.total, "
                            + "events_per_second = excluded.events_per_second, started_at = excluded.started_at, "
                            + "finished_at = excluded.finished_at, error = excluded.error, "
                            + "resumed_from = excluded.resumed_from, updated_at = clock_timestamp()",
                    p.state(),
                    p.target(),
                    p.done(),
                    p.total(),
                    p.eventsPerSecond(),
                    p.startedAt(),
                    p.finishedAt(),
                    p.error(),
                    p.resumedFrom());
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not record the rebuild's progress: %s", e.getMessage());
        }
    }

    /** The progress the runner last recorded, if any rebuild ever ran. */
    Optional<Progress> latest() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return Sql.one(
                    c,
                    "SELECT state, target, done, total, events_per_second, started_at, finished_at, error, "
                            + "resumed_from FROM rebuild_run WHERE id = 1",
                    rs -> new Progress(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getDouble(5),
                            rs.getObject(6, OffsetDateTime.class),
                            rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8),
                            rs.getLong(9)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rebuild's progress: " + e.getMessage(), e);
        }
    }
}
