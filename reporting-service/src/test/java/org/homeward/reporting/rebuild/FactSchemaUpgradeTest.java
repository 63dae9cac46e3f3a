package org.homeward.reporting.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * Every fact schema the service reads or switches to has this version's functions (ADR 45), not only the one
 * live when it started: a rebuild target made by an older version (here: its survivor_of an older one, its mark
 * gone) and resumed is switched to upgraded, its indexes as a fresh rebuild's; and a schema switched to live by
 * another instance is upgraded before the first read.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class FactSchemaUpgradeTest {
    @Inject
    Rebuilder rebuilder;

    @Inject
    FactSchemas schemas;

    @Inject
    EventSourcing sourcing;

    @Test
    void a_schema_made_before_an_upgrade_gets_the_current_functions_before_it_is_read() {
        long before = liveCountOrNone();
        SyntheticHistory.publish(TestKafka.bootstrapServers(), new SyntheticHistory(23, "homeward").generate(3, 200));
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> liveCount("stay") >= before + 200);
        String previous = state().get(0);
        String current = survivorOf(previous);

        rebuilder.batchSize(100);
        rebuilder.stopAfterBatches(1);
        String target = rebuilder.start().target();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "STOPPED".equals(rebuilder.progress().state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !rebuilder.running());
        madeByAnOlderVersion(target);
        assertThat(survivorOf(target)).isNotEqualTo(current);

        // the next start of a newer version resumes it
        rebuilder.batchSize(5_000);
        rebuilder.resumeIfInterrupted().orElseThrow();
        await().atMost(Duration.ofSeconds(180))
                .until(() -> "DONE".equals(rebuilder.progress().state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !rebuilder.running());
        assertThat(state()).containsExactly(target, null);
        assertThat(survivorOf(target)).isEqualTo(current);
        assertThat(indexes(target))
                .isEqualTo(indexes(previous))
                .anyMatch(i -> i.startsWith("stay_person "))
                .anyMatch(i -> i.startsWith("stay_in_station_cover "));
        assertThat(mark(target)).isNotNull().isEqualTo(mark(previous)); // and carries this version's mark

        // another instance, of an older version, switches back to the schema it made: read here, it is upgraded first
        madeByAnOlderVersion(previous);
        update("UPDATE projection_state SET live = '" + previous + "' WHERE id = 1");
        try {
            UUID someone = UUID.randomUUID();
            UUID read =
                    schemas.inLive(c -> Sql.one(c, "SELECT survivor_of(?)", rs -> rs.getObject(1, UUID.class), someone)
                            .orElseThrow());
            assertThat(read).isEqualTo(someone);
            assertThat(survivorOf(previous)).isEqualTo(current);
            // another version beside this one (a rolling upgrade) marks it as its own: left to it, not fought over
            update("COMMENT ON SCHEMA " + previous + " IS 'homeward facts another-version'");
            String schema = schemas.inLive(c -> c.getSchema());
            assertThat(schema).isEqualTo(previous);
            assertThat(mark(previous)).isEqualTo("homeward facts another-version");
        } finally {
            update("UPDATE projection_state SET live = '" + target + "' WHERE id = 1");
        }
    }

    /** As an older facts.sql left a schema: an older survivor_of (one step up, no chains) and no mark. */
    private void madeByAnOlderVersion(String schema) {
        update("CREATE OR REPLACE FUNCTION " + schema + ".survivor_of(p uuid) RETURNS uuid LANGUAGE sql STABLE AS $$ "
                + "SELECT coalesce((SELECT m.survivor_id FROM " + schema + ".person_merge m "
                + "WHERE m.merged_person_id = p AND m.unmerged_recorded_at IS NULL LIMIT 1), p) $$; "
                + "COMMENT ON SCHEMA " + schema + " IS NULL");
    }

    private String survivorOf(String schema) {
        return sourcing.inTransaction(c -> Sql.one(
                        c,
                        "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                                + "WHERE n.nspname = ? AND p.proname = 'survivor_of'",
                        rs -> rs.getString(1),
                        schema)
                .orElseThrow());
    }

    private String mark(String schema) {
        return sourcing.inTransaction(c -> Sql.one(
                        c,
                        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?",
                        rs -> rs.getString(1),
                        schema)
                .orElse(null)); // none: no comment
    }

    private void update(String sql) {
        sourcing.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private List<String> state() {
        return sourcing.inTransaction(c -> Sql.one(
                        c,
                        "SELECT live, rebuilding FROM projection_state WHERE id = 1",
                        rs -> Arrays.asList(rs.getString(1), rs.getString(2)))
                .orElseThrow());
    }

    private List<String> indexes(String schema) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT indexname || ' ' || replace(indexdef, ?, '') FROM pg_indexes WHERE schemaname = ? ORDER BY 1",
                rs -> rs.getString(1),
                schema + ".",
                schema));
    }

    private long liveCount(String table) {
        String live = state().get(0);
        return sourcing.inTransaction(c -> Sql.one(c, "SELECT count(*) FROM " + live + "." + table, rs -> rs.getLong(1))
                .orElseThrow());
    }

    /** Stays in the live schema, or 0 before the first event made it. */
    private long liveCountOrNone() {
        try {
            return liveCount("stay");
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
