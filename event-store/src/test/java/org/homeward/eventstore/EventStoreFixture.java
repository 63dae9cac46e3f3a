package org.homeward.eventstore;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.homeward.events.EventCodec;
import org.homeward.testsupport.TestDatabases;

/** A fresh database with the event store schema, through the same Flyway migration the services run. */
final class EventStoreFixture {
    final DataSource dataSource;
    final EventStore store;

    EventStoreFixture(String database) {
        String url = TestDatabases.fresh(database);
        this.dataSource = new DriverManagerDataSource(url, TestDatabases.user());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .load()
                .migrate();
        this.store = new EventStore(new Transactions(dataSource), new EventCodec());
    }

    /** Plain driver connections: enough for tests, and each thread gets its own. */
    record DriverManagerDataSource(String url, String user) implements DataSource {
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        public PrintWriter getLogWriter() {
            return null;
        }

        public void setLogWriter(PrintWriter out) {}

        public void setLoginTimeout(int seconds) {}

        public int getLoginTimeout() {
            return 0;
        }

        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
