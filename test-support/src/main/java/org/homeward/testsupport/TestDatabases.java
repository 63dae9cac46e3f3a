package org.homeward.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Fresh databases on the PostgreSQL server at {@code HOMEWARD_PG} (default 127.0.0.1:5432, user postgres), or in
 * a Testcontainers PostgreSQL when the run asks for it ({@link Containers}).
 */
public final class TestDatabases {

    public static String hostPort() {
        if (Containers.requested()) {
            return Containers.postgresHostPort();
        }
        String given = System.getenv("HOMEWARD_PG");
        return given == null || given.isBlank() ? "127.0.0.1:5432" : given;
    }

    public static String user() {
        String given = System.getenv("HOMEWARD_PG_USER");
        return given == null || given.isBlank() ? "postgres" : given;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostPort() + "/" + database;
    }

    /** Drops and creates {@code database}: every test run starts from nothing. */
    public static String fresh(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Bad database name " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + hostPort() + " is needed for tests: " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    /** How many events a service's store holds: "stores nothing" is this number not moving. */
    public static long eventCount(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM event_store")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestDatabases() {}
}
