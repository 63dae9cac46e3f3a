package org.homeward.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.Test;

/**
 * A live fact schema made by the facts.sql before the flow figures, upgraded by upgrade.sql (as
 * FactSchemas does at startup), has exactly the tables, columns and indexes of a fresh one; twice
 * is the same as once. Scratch schemas only: the live facts are not touched.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class FactUpgradeTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void an_old_fact_schema_upgraded_equals_a_fresh_one() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS upgrade_old CASCADE; DROP SCHEMA IF EXISTS upgrade_new CASCADE; "
                    + "CREATE SCHEMA upgrade_old; CREATE SCHEMA upgrade_new");
            s.execute("SET search_path TO upgrade_old");
            s.execute(resource("/facts/facts-before-flow.sql"));
            s.execute(resource("/facts/upgrade.sql"));
            s.execute(resource("/facts/upgrade.sql"));
            s.execute("SET search_path TO upgrade_new");
            s.execute(resource("/facts/facts.sql"));
            s.execute("SET search_path TO public");

            assertThat(shape(s, "upgrade_old"))
                    .isEqualTo(shape(s, "upgrade_new"))
                    .isNotEmpty();
            s.execute("DROP SCHEMA upgrade_old CASCADE; DROP SCHEMA upgrade_new CASCADE");
        }
    }

    private static List<String> shape(Statement s, String schema) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT table_name || '.' || column_name || ' ' || data_type FROM "
                + "information_schema.columns WHERE table_schema = '" + schema + "' ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT indexname || ' ' || replace(indexdef, '" + schema + ".', '') "
                + "FROM pg_indexes WHERE schemaname = '" + schema + "' ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private String resource(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
