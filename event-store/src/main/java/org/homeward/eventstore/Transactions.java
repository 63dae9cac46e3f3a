package org.homeward.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commit on success, roll back on any exception.
 * <p>
 * A caller may {@link #open()} a transaction that outlives one piece of work (an HTTP request that
 * must store its idempotent answer in the command's own transaction): until it ends, work on the
 * same thread joins it, each piece in a savepoint so that a piece that fails (and may be retried)
 * leaves the rest intact.
 */
public final class Transactions {
    private final DataSource dataSource;
    private final ThreadLocal<Scope> ambient = new ThreadLocal<>();

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(SqlWork<T> work) {
        Scope scope = ambient.get();
        if (scope != null) {
            if (scope.active()) {
                return scope.inSavepoint(work);
            }
            ambient.remove(); // ended on another thread
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Begins a transaction that work on this thread joins until the scope commits or rolls back. */
    public Scope open() {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            Scope scope = new Scope(c);
            ambient.set(scope);
            return scope;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A transaction spanning several pieces of work; ends with {@link #commit()} or {@link #rollback()}. */
    public final class Scope implements AutoCloseable {
        private final Connection connection;
        private final Thread owner = Thread.currentThread();
        private volatile boolean ended;

        private Scope(Connection connection) {
            this.connection = connection;
        }

        boolean active() {
            return !ended;
        }

        /**
         * Work whose failure ends the whole transaction (its caller then rolls the scope back), so it
         * needs no savepoint: each costs two round trips (ADR 36).
         */
        public <T> T inScope(SqlWork<T> work) {
            try {
                return work.apply(connection);
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        }

        public <T> T inSavepoint(SqlWork<T> work) {
            try {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    T result = work.apply(connection);
                    connection.releaseSavepoint(savepoint);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback(savepoint);
                    throw e;
                }
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        }

        public void commit() {
            end(true);
        }

        public void rollback() {
            end(false);
        }

        /** Rolls back unless already ended: the safety net when a request ends another way. */
        @Override
        public void close() {
            end(false);
        }

        private synchronized void end(boolean commit) {
            if (ended) {
                return;
            }
            ended = true;
            if (owner == Thread.currentThread()) {
                ambient.remove();
            }
            try (connection) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        }
    }

    public static class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
