package org.homeward.reporting.facts;

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
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.Test;

/**
 * survivor_of and person_records over a corrupt table of merges (ADR 38): a cycle of merges that hold, with
 * a chain hanging into it. Every record of the cycle and of the chain reads as the least id on the cycle,
 * person_records gives each of them once, and an undone merge or an unrelated record is untouched. Once
 * with the platform's functions (db/platform, over a scratch copy of its person_merge) and once with the
 * fact schema's (the same definition, FactSchemas' condition for a merge that holds). Scratch schemas only.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class MergeCycleTest {
    // b merged into c; c, d and e merged in a ring (c into e, e into d, d into c); a merged into b; f alone;
    // g was merged into a, undone (f is 8, g is 9)
    static final String A = id('a'), B = id('b'), C = id('c'), D = id('d'), E = id('e'), F = id('8'), G = id('9');

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_platform_functions_resolve_a_cycle_to_its_least_record() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS cycle_platform CASCADE; CREATE SCHEMA cycle_platform; "
                    + "CREATE TABLE cycle_platform.person_merge (LIKE public.person_merge INCLUDING ALL); "
                    + "SET search_path TO cycle_platform, public");
            String merge =
                    "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, reason, merged_stay_ids, "
                            + "merged_fragment_ids, merged_at, unmerged_at) VALUES (gen_random_uuid(), '%s', '%s', 'test', "
                            + "'{}', '{}', now(), %s)";
            insertRing(s, merge, "NULL", "now()");
            assertResolved(s);
            s.execute("SET search_path TO public; DROP SCHEMA cycle_platform CASCADE");
        }
    }

    @Test
    void the_fact_schema_functions_resolve_a_cycle_to_its_least_record() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS cycle_facts CASCADE; CREATE SCHEMA cycle_facts; "
                    + "SET search_path TO cycle_facts, public");
            s.execute(resource("/facts/facts.sql"));
            s.execute(PersonMergeTable.chainFunctions(FactSchemas.HOLDS));
            String merge = "INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, merged_recorded_at, "
                    + "unmerged_recorded_at) VALUES (gen_random_uuid(), '%s', '%s', now(), %s)";
            insertRing(s, merge, "NULL", "now()");
            assertResolved(s);
            s.execute("SET search_path TO public; DROP SCHEMA cycle_facts CASCADE");
        }
    }

    private static void insertRing(Statement s, String merge, String holding, String undone) throws Exception {
        String[][] merges = {{C, B}, {B, A}, {E, C}, {D, E}, {C, D}};
        for (String[] m : merges) {
            s.execute(merge.formatted(m[0], m[1], holding));
        }
        s.execute(merge.formatted(A, G, undone));
    }

    private static void assertResolved(Statement s) throws Exception {
        for (String record : List.of(A, B, C, D, E)) {
            assertThat(one(s, "SELECT survivor_of('" + record + "')"))
                    .as(record)
                    .containsExactly(C);
            assertThat(one(s, "SELECT person_records('" + record + "') ORDER BY 1"))
                    .as(record)
                    .containsExactly(A, B, C, D, E);
        }
        assertThat(one(s, "SELECT survivor_of('" + F + "')")).containsExactly(F);
        assertThat(one(s, "SELECT person_records('" + F + "')")).containsExactly(F);
        assertThat(one(s, "SELECT survivor_of('" + G + "')")).containsExactly(G);
    }

    private static List<String> one(Statement s, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String id(char last) {
        return "00000000-0000-0000-0000-00000000000" + last;
    }

    private String resource(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
