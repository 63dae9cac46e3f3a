package org.homeward.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/**
 * {@code java CreateDatabases JDBC_BASE USER NAME...}: creates each database that does not exist yet;
 * with {@code --drop} first, drops them instead (./homeward clean).
 */
public final class CreateDatabases {
    public static void main(String[] args) throws Exception {
        boolean drop = args[0].equals("--drop");
        if (drop) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        String base = args[0];
        String user = args[1];
        try (Connection c = DriverManager.getConnection(base + "/postgres", user, "");
                Statement s = c.createStatement()) {
            for (int i = 2; i < args.length; i++) {
                String name = args[i];
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("Bad database name " + name);
                }
                if (drop) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    System.out.println("dropped database " + name);
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                s.execute("CREATE DATABASE " + name);
                System.out.println("created database " + name);
            }
        }
    }

    private CreateDatabases() {}
}
