package org.homeward.platform.sourcing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The few JDBC shapes read models use, so projections read as SQL rather than plumbing. */
public final class Sql {

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        }
    }

    /**
     * Hands each row to {@code sink} as the database yields it, {@value #FETCH} at a time (inside a
     * transaction PostgreSQL keeps a cursor instead of sending the whole result at once): lists of any
     * length are written out while they are read, never held whole.
     */
    public static <T> void each(Consumer<? super T> sink, Connection c, String sql, Row<T> row, Object... values)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row.map(rs));
                }
            }
        }
    }

    /** Rows fetched per round trip by {@link #each}. */
    public static final int FETCH = 1_000;

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... values) throws SQLException {
        List<T> rows = list(c, sql, row, values);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Enum<?> e) {
                v = e.name();
            }
            ps.setObject(i + 1, v);
        }
        return ps;
    }

    private Sql() {}
}
