package org.homeward.reporting.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * A rebuild stopped midway (as when the process stops) and resumed gives exactly the facts of a
 * full rebuild from the same topics: every table row for row, and the same indexes (ADR 29).
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class ResumableRebuildTest {
    @Inject
    Rebuilder rebuilder;

    @Inject
    EventSourcing sourcing;

    @Inject
    RebuildRuns runs;

    @Test
    void a_rebuild_interrupted_midway_resumes_and_equals_a_full_rebuild() {
        SyntheticHistory.publish(TestKafka.bootstrapServers(), new SyntheticHistory(7, "homeward").generate(5, 400));
        // the live feed has them (its schema appears with the first event)
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> liveCount("stay") >= 400);

        rebuilder.batchSize(300);
        rebuilder.stopAfterBatches(3);
        String first = rebuilder.start().target();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "STOPPED".equals(rebuilder.progress().state()));
        Rebuilder.Progress stopped = rebuilder.progress();
        assertThat(stopped.done()).isGreaterThan(0).isLessThan(stopped.total());
        assertThat(state()).containsExactly(other(first), first); // still answering from the old schema
        assertThat(count("rebuild_offset WHERE target = '" + first + "' AND next_offset > begin_offset"))
                .isPositive();

        // As at the next start: it carries on from the offsets, not from the beginning.
        Rebuilder.Progress resumed = rebuilder.resumeIfInterrupted().orElseThrow();
        assertThat(resumed.resumedFrom()).isEqualTo(stopped.done());
        await().atMost(Duration.ofSeconds(180))
                .until(() -> "DONE".equals(rebuilder.progress().state()));
        assertThat(state()).containsExactly(first, null);
        assertThat(count("rebuild_offset")).isZero();

        rebuilder.batchSize(5_000);
        String second = rebuilder.start().target();
        assertThat(second).isEqualTo(other(first));
        await().atMost(Duration.ofSeconds(180))
                .until(() -> "DONE".equals(rebuilder.progress().state()));
        assertThat(rebuilder.progress().resumedFrom()).isZero();

        List<String> tables = sourcing.inTransaction(c -> Sql.list(
                c, "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1", rs -> rs.getString(1), first));
        assertThat(tables).contains("stay", "applied_event", "success", "person_age", "risk_flag_change");
        for (String table : tables) {
            long rows = count(first + "." + table);
            long differing = count(
                    "((TABLE " + first + "." + table + " EXCEPT ALL TABLE " + second + "." + table + ") UNION ALL "
                            + "(TABLE " + second + "." + table + " EXCEPT ALL TABLE " + first + "." + table + ")) d");
            assertThat(differing).as("rows of %s (%d) that differ", table, rows).isZero();
            assertThat(rows).as("rows of %s", table).isEqualTo(count(second + "." + table));
        }
        assertThat(count(first + ".stay")).isGreaterThanOrEqualTo(400);
        assertThat(indexes(first)).isEqualTo(indexes(second)).contains("stay_person", "notice_person");
    }

    /**
     * Two instances of reporting-service share one database: while one runs a rebuild (it holds the lease),
     * the other refuses to start one and does not resume the same one; when the runner's process dies, its
     * session and lease go with it and the other takes the rebuild over from its offsets.
     */
    @Test
    void one_instance_runs_a_rebuild_and_another_takes_it_over_when_that_one_dies() throws Exception {
        long before = liveCountOrNone();
        SyntheticHistory.publish(TestKafka.bootstrapServers(), new SyntheticHistory(11, "homeward").generate(3, 200));
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> liveCount("stay") >= before + 200);
        rebuilder.batchSize(100);
        rebuilder.stopAfterBatches(2);
        rebuilder.start();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "STOPPED".equals(rebuilder.progress().state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !rebuilder.running()); // its thread lets the lease go last
        long applied = rebuilder.progress().done();

        // the other instance, running the rebuild: it holds the lease on a session of its own
        try (Connection otherInstance = DriverManager.getConnection(
                TestDatabases.jdbcUrl("homeward_reporting_test"), TestDatabases.user(), "")) {
            try (PreparedStatement s = otherInstance.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, RebuildLease.KEY);
                s.execute();
            }
            assertThatThrownBy(rebuilder::start)
                    .isInstanceOf(HomewardException.class)
                    .hasMessageContaining("another instance")
                    .extracting(e -> ((HomewardException) e).status())
                    .isEqualTo(409);
            assertThat(rebuilder.resumeIfInterrupted()).isEmpty();
            assertThat(rebuilder.progress().state()).isEqualTo("STOPPED");
            // what that instance records, this one answers: RUNNING while its session holds the lease
            Rebuilder.Progress stoppedHere = rebuilder.progress();
            runs.record(new Rebuilder.Progress(
                    "RUNNING",
                    stoppedHere.target(),
                    stoppedHere.done(),
                    stoppedHere.total(),
                    1.0,
                    stoppedHere.startedAt(),
                    null,
                    null,
                    stoppedHere.done()));
            assertThat(rebuilder.progress().state()).isEqualTo("RUNNING");
            runs.record(stoppedHere);
        }
        // that instance is gone: the check every instance runs now takes the rebuild over where it was left
        rebuilder.batchSize(20);
        Rebuilder.Progress resumed = rebuilder.resumeIfInterrupted().orElseThrow();
        assertThat(resumed.resumedFrom()).isEqualTo(applied);
        // an instance that is not the runner answers the progress the runner records in the database
        Rebuilder.Progress recorded = runs.latest().orElseThrow();
        assertThat(recorded.state()).isEqualTo("RUNNING");
        assertThat(recorded.target()).isEqualTo(resumed.target());
        assertThat(recorded.resumedFrom()).isEqualTo(applied);

        // and if this runner's own session is lost midway (a database restart, a cut connection), its lease is gone
        // with it: the run stops at its next write rather than write beside another instance that may take over
        try (Connection admin = DriverManager.getConnection(
                        TestDatabases.jdbcUrl("homeward_reporting_test"), TestDatabases.user(), "");
                PreparedStatement s = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND granted AND objid::bigint = ?")) {
            s.setLong(1, RebuildLease.KEY & 0xffffffffL);
            s.execute();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !rebuilder.running());
        assertThat(rebuilder.progress().state()).isEqualTo("STOPPED");
        assertThat(rebuilder.progress().done()).isLessThan(rebuilder.progress().total());
        rebuilder.batchSize(5_000);
        assertThat(rebuilder.resumeIfInterrupted()).isPresent(); // a fresh session, a fresh lease
        await().atMost(Duration.ofSeconds(180))
                .until(() -> "DONE".equals(rebuilder.progress().state()));
        assertThat(count("rebuild_offset")).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> !rebuilder.running());
        Rebuilder.Progress done = rebuilder.progress();
        assertThat(runs.latest().orElseThrow())
                .extracting(Rebuilder.Progress::state, Rebuilder.Progress::target, Rebuilder.Progress::done)
                .containsExactly("DONE", done.target(), done.total());

        // a runner that died without a word (its row still says RUNNING, nobody holds the lease) reads as STOPPED
        runs.record(new Rebuilder.Progress(
                "RUNNING", done.target(), 10, done.total(), 5.0, done.startedAt(), null, null, 0));
        assertThat(rebuilder.progress().state()).isEqualTo("STOPPED");
        assertThat(rebuilder.progress().done()).isEqualTo(10);
        runs.record(done);
    }

    private static String other(String schema) {
        return schema.equals("facts_a") ? "facts_b" : "facts_a";
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
                c, "SELECT indexname FROM pg_indexes WHERE schemaname = ? ORDER BY 1", rs -> rs.getString(1), schema));
    }

    private long liveCount(String table) {
        String live = state().get(0);
        return count(live + "." + table);
    }

    /** Stays in the live schema, or 0 before the first event made it. */
    private long liveCountOrNone() {
        try {
            return liveCount("stay");
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private long count(String from) {
        return sourcing.inTransaction(c ->
                Sql.one(c, "SELECT count(*) FROM " + from, rs -> rs.getLong(1)).orElseThrow());
    }
}
