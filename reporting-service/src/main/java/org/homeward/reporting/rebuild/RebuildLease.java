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

    public RebuildLease(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True if this instance now holds the lease (or already did), false if another instance holds it. */
    public synchronized boolean tryAcquire() {
        if (held != null) {
            return true;
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, KEY);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held = c;
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
