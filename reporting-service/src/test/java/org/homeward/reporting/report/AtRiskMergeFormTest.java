package org.homeward.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The people at risk read a person's records and survivor as ReportQueries does (ADR 37): the merge functions
 * only for a person a merge that holds names. Over a generated history with merges (chains, undone ones, ones
 * not yet recorded; ages and flags on merged-away records) the members equal those of the form it replaced,
 * {@code IN (SELECT person_records(...))} and survivor_of for every stay; and a station whose people are in no
 * merge calls neither function. A scratch schema only: the live facts are not touched.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class AtRiskMergeFormTest {
    private static final String SCHEMA = "atrisk_forms";

    /** The members query before ADR 37's form, word for word: the reference. */
    private static final String CALLING_FOR_EVERY_STAY =
            "SELECT s.stay_id, survivor_of(s.person_id) AS person_id, s.station_id, s.admitted_at, "
                    + "pa.estimated_age, pa.registered_at, "
                    + "EXISTS (SELECT 1 FROM hospitalisation h WHERE h.stay_id = s.stay_id AND h.started_at <= ? "
                    + "AND (h.ended_at IS NULL OR h.ended_at > ?)) AS long_hospital, "
                    + "ARRAY(SELECT x.flag FROM (SELECT DISTINCT ON (r.flag) r.flag, r.is_set FROM risk_flag_change r "
                    + "WHERE r.person_id IN (SELECT person_records(s.person_id)) AND r.occurred_at <= ? "
                    + "ORDER BY r.flag, r.occurred_at DESC, r.stream_version DESC) x WHERE x.is_set ORDER BY x.flag) AS hand "
                    + "FROM stay s LEFT JOIN LATERAL (SELECT a.estimated_age, a.registered_at FROM person_age a "
                    + "WHERE a.person_id IN (SELECT person_records(s.person_id)) AND a.estimated_age IS NOT NULL "
                    + "ORDER BY a.person_id = survivor_of(s.person_id) DESC, a.registered_at LIMIT 1) pa ON true "
                    + "WHERE s.admitted_at IS NOT NULL AND s.admitted_at <= ? AND (s.discharged_at IS NULL OR s.discharged_at > ?) "
                    + "AND (?::text IS NULL OR s.station_id = ?) ORDER BY s.admitted_at, s.stay_id";

    /**
     * 3,000 persons, one stay each (every tenth a second one) at st-0, st-1 or st-2 over 2017–2018, an age for three
     * in four, up to three flag changes each, a hospital episode for one stay in ten. Merges among st-1's people
     * (n ≡ 1 mod 3) only: person n into n + 3 for n ≡ 1 (mod 12), undone for n ≡ 13 (mod 60), not yet recorded for
     * n ≡ 25 (mod 84); and n into n + 3 for n ≡ 4 (mod 36), a chain (1 into 4 into 7). st-0 and st-2 have none.
     */
    private static final String HISTORY = """
            SELECT setseed(0.16);
            CREATE TABLE gen_person AS SELECT g AS n, md5('person' || g)::uuid AS id FROM generate_series(1, 3000) g;
            INSERT INTO stay (stay_id, person_id, station_id, admitted_at, discharged_at)
                SELECT md5('stay' || n || '-' || k)::uuid, id, 'st-' || (n % 3), a,
                       CASE WHEN random() < 0.4 THEN a + random() * interval '200 days' END
                FROM (SELECT n, id, k, timestamptz '2017-01-01 00:00+08' + random() * interval '730 days' AS a
                      FROM gen_person, generate_series(1, 2) k WHERE k = 1 OR n % 10 = 0) s;
            INSERT INTO person_age (person_id, estimated_age, registered_at)
                SELECT id, (random() * 90)::int, timestamptz '2016-06-01 00:00+08' + random() * interval '900 days'
                FROM gen_person WHERE n % 4 <> 0;
            INSERT INTO risk_flag_change (event_id, person_id, flag, is_set, stream_version, occurred_at)
                SELECT md5('flag' || n || '-' || k)::uuid, id,
                       (ARRAY['MENTAL_DISORDER', 'INTELLECTUAL_DISABILITY', 'PHYSICAL_DISABILITY', 'MINOR', 'ELDERLY'])
                           [1 + floor(random() * 5)::int],
                       random() < 0.7, k, timestamptz '2017-01-01 00:00+08' + random() * interval '730 days'
                FROM gen_person, generate_series(1, 3) k WHERE random() < 0.5;
            INSERT INTO hospitalisation (hospitalisation_id, stay_id, started_at, ended_at)
                SELECT md5('hospital' || stay_id)::uuid, stay_id, admitted_at + random() * interval '30 days',
                       CASE WHEN random() < 0.5 THEN admitted_at + interval '30 days' + random() * interval '90 days' END
                FROM stay WHERE random() < 0.1;
            INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, merged_recorded_at, unmerged_recorded_at)
                SELECT md5('merge' || m.n)::uuid, s.id, m.id,
                       CASE WHEN m.n % 84 <> 25 THEN now() END, CASE WHEN m.n % 60 = 13 THEN now() END
                FROM gen_person m JOIN gen_person s ON s.n = m.n + 3 WHERE m.n % 12 = 1;
            INSERT INTO person_merge (merge_id, survivor_id, merged_person_id, merged_recorded_at)
                SELECT md5('chain' || m.n)::uuid, s.id, m.id, now()
                FROM gen_person m JOIN gen_person s ON s.n = m.n + 3 WHERE m.n % 36 = 4;
            ANALYZE;
            """;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void history() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA + "; SET search_path TO "
                    + SCHEMA + ", public");
            s.execute(resource("/facts/facts.sql"));
            s.execute(PersonMergeTable.chainFunctions(FactSchemas.holds("m")));
            s.execute(HISTORY);
            s.execute("SET search_path TO public");
        }
    }

    @AfterEach
    void dropHistory() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void the_members_equal_those_of_the_form_calling_the_merge_functions_for_every_stay() throws Exception {
        AtRiskReport report = new AtRiskReport();
        int merged = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            use(c);
            assertThat(Sql.one(
                                    c,
                                    "SELECT count(*) FROM person_merge m WHERE " + FactSchemas.holds("m"),
                                    rs -> rs.getLong(1))
                            .orElseThrow())
                    .as("merges that hold")
                    .isGreaterThan(150);
            for (String asOf : List.of("2017-03-01", "2017-09-15", "2018-01-01", "2018-06-30", "2019-01-01")) {
                for (String station : new String[] {null, "st-0", "st-1", "st-2"}) {
                    LocalDate date = LocalDate.parse(asOf);
                    List<AtRiskReport.Member> now = new ArrayList<>();
                    report.members(c, date, "inStation", station, now::add);
                    assertThat(now)
                            .as("as of %s at %s", asOf, station)
                            .isEqualTo(before(c, date, station))
                            .isNotEmpty();
                    merged += (int) now.stream()
                            .filter(m -> !m.personId().equals(personOfStay(c, m)))
                            .count();
                    // the figures, flags and all, are there to compare
                    assertThat(now.stream().filter(m -> !m.flags().isEmpty())).isNotEmpty();
                }
            }
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(merged).as("members read as their survivor").isGreaterThan(50);
    }

    @Test
    void a_station_whose_people_are_in_no_merge_calls_no_merge_function() throws Exception {
        AtRiskReport report = new AtRiskReport();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            use(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL track_functions = 'all'"); // calls counted in pg_stat_xact_user_functions
            }
            List<AtRiskReport.Member> members = new ArrayList<>();
            report.members(c, LocalDate.parse("2018-06-30"), "inStation", "st-2", members::add);
            assertThat(members).hasSizeGreaterThan(100);
            List<String> calls = Sql.list(
                    c,
                    "SELECT funcname || ' ' || calls FROM pg_stat_xact_user_functions WHERE schemaname = ?",
                    rs -> rs.getString(1),
                    SCHEMA);
            assertThat(calls).as("calls of survivor_of and person_records").isEmpty();
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static List<AtRiskReport.Member> before(Connection c, LocalDate asOf, String station) throws Exception {
        OffsetDateTime t = DateParams.startOf(asOf);
        OffsetDateTime longStay = t.atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                .minusDays(AtRiskReport.LONG_TERM_HOSPITAL_DAYS)
                .toOffsetDateTime();
        return Sql.list(
                c, CALLING_FOR_EVERY_STAY, rs -> AtRiskReport.member(rs, t), longStay, t, t, t, t, station, station);
    }

    private static Object personOfStay(Connection c, AtRiskReport.Member m) {
        try {
            return Sql.one(c, "SELECT person_id FROM stay WHERE stay_id = ?", rs -> rs.getObject(1), m.stayId())
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void use(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path TO " + SCHEMA + ", public");
        }
    }

    private String resource(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
