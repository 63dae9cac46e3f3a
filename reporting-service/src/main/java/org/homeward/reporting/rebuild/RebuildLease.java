package org.homeward.reporting.rebuild;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Which instance of reporting-service runs the rebuild: the one holding a PostgreSQL session advisory
 * lock on a connection kept open for the whole run. Only one instance can hold it; if that process
 * dies, its session ends and the lock with it, so another instance can take the rebuild over from the
 * offsets it left (ADR 29). The lock is released explicitly before the connection goes back to the
 * pool, where a held session lock would otherwise outlive the run.
 */
@ApplicationScoped
public class RebuildLease {
    private static final Logger LOG = Logger.getLogger(RebuildLease.class);
    /** An arbitrary key of this lease; reporting's database holds no other advisory lock. */
    static final long KEY = 0x486f6d6552424cL; // "HomeRBL"

    private final AgroalDataSource dataSource;
    private Connection held;
    private int heldBy; // the backend pid of the session holding the lock

    /** The lease went with its database session (restart, network cut): another instance may run the rebuild now. */
    public static final class LostException extends RuntimeException {
        LostException() {
            super("The rebuild lease was lost with its database session; another instance may carry the rebuild on");
        }
    }

    public RebuildLease(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True if this instance now holds the lease (or already did), false if another instance holds it. */
    public synchronized boolean tryAcquire() {
        if (held != null) {
            if (valid(held)) {
                return true;
            }
            release(); // its session is gone, and the lock with it: ask again
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?), pg_backend_pid()")) {
                s.setLong(1, KEY);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held = c;
                        heldBy = rs.getInt(2);
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("Could not ask for the rebuild lease: " + e.getMessage(), e);
        }
    }

    public synchronized boolean held() {
        return held != null;
    }

    /**
     * Fences a rebuild's write: inside the transaction on {@code c}, checks that this instance's session still
     * holds the lock, so that a run whose session was lost (and whose rebuild another instance may have taken
     * over) stops instead of writing beside it. Throws {@link LostException} if not.
     */
    public void fence(Connection c) throws SQLException {
        int pid;
        synchronized (this) {
            if (held == null) {
                throw new LostException();
            }
            pid = heldBy;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND pid = ? AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            s.setInt(1, pid);
            s.setLong(2, KEY >>> 32);
            s.setLong(3, KEY & 0xffffffffL);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new LostException();
                }
            }
        }
    }

    /** Whether any instance's session holds the lease now (its runner is alive). */
    public boolean heldAnywhere() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = "
                        + "'advisory' AND granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1 "
                        // advisory locks are per database: another installation's reporting database on the server
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
            s.setLong(1, KEY >>> 32);
            s.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not ask who holds the rebuild lease: " + e.getMessage(), e);
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (PreparedStatement s = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, KEY);
            s.execute();
        } catch (SQLException e) { // the session is gone, and the lock with it
            LOG.debugf("Releasing the rebuild lease: %s", e.getMessage());
        } finally {
            closeQuietly(held);
            held = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debugf("Closing the rebuild lease's connection: %s", e.getMessage());
        }
    }
}
