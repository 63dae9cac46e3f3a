package org.homeward.testsupport;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Looks for personal values in every table of a database: every column of every user schema, cast to
 * text (text, json, arrays, numbers...), and bytea columns also as the hex of each value's UTF-8
 * bytes and of any raw bytes given (a photo). Answers "schema.table.column: value" for each hit.
 */
public final class PersonalDataScan {
    private PersonalDataScan() {}

    public static List<String> find(String jdbcUrl, String user, Collection<String> values, Collection<byte[]> raw)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            return find(c, values, raw);
        }
    }

    public static List<String> find(Connection c, Collection<String> values, Collection<byte[]> raw)
            throws SQLException {
        List<String> hits = new ArrayList<>();
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT c.table_schema, c.table_name, c.column_name, c.data_type "
                                + "FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) "
                                + "WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        for (String[] col : columns) {
            String column = "\"" + col[0] + "\".\"" + col[1] + "\".\"" + col[2] + "\"";
            String sql = "SELECT count(*) FROM \"" + col[0] + "\".\"" + col[1] + "\" WHERE strpos(\"" + col[2]
                    + "\"::text, ?) > 0";
            boolean bytes = "bytea".equals(col[3]);
            for (String value : values) {
                if (count(c, sql, value) > 0) {
                    hits.add(column + ": " + value);
                }
                if (bytes && count(c, sql, HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8))) > 0) {
                    hits.add(column + ": " + value + " (UTF-8 bytes)");
                }
            }
            if (bytes) {
                for (byte[] b : raw) {
                    if (count(c, sql, HexFormat.of().formatHex(b)) > 0) {
                        hits.add(column + ": " + b.length + " raw bytes");
                    }
                }
            }
        }
        return hits;
    }

    private static long count(Connection c, String sql, String needle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, needle);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
