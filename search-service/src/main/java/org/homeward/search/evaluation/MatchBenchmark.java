package org.homeward.search.evaluation;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.homeward.search.matching.Candidates;
import org.homeward.search.matching.MatchKeys;
import org.homeward.search.matching.MatchScorer.ReportProfile;
import org.homeward.search.matching.MatchScorer.ResidentProfile;
import org.homeward.search.missingreport.MissingPersonReports;
import org.homeward.search.resident.Residents;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Candidate lookup at national scale, timed beside a plain indexed lookup in the same run:
 * candidates for one resident among 1,000,000 open reports and for one report among 100,000
 * residents with an open case, through the service's own {@link Candidates} code.
 *
 * <p>The data are synthetic ({@link SyntheticPeople}) and, for the benchmark only, written straight
 * into the read-model tables of a database of its own ({@code homeward_match_bench}, schema by the
 * service's migrations) with COPY, not through the API and the event store: a million commands
 * would take hours and measure something else. A second run reuses the loaded data.
 *
 * <p>Run: {@code ./homeward match-bench [reports] [residents] [queries]} (defaults 1000000, 100000, 200).
 */
public final class MatchBenchmark {
    private static final String DATABASE = "homeward_match_bench";
    private static final int WARM_UP = 20;

    public static void main(String[] args) throws Exception {
        int reportCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int residentCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String hostPort = System.getenv().getOrDefault("HOMEWARD_PG", "127.0.0.1:5432");
        String user = System.getenv().getOrDefault("HOMEWARD_PG_USER", "postgres");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/postgres", user, "")) {
            boolean exists;
            try (ResultSet rs = admin.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                admin.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        String url = "jdbc:postgresql://" + hostPort + "/" + DATABASE;
        // the service's own migrations, as quarkus.flyway.locations lists them
        Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/eventstore", "classpath:db/platform", "classpath:db/search")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            load(c, reportCount, residentCount);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            run(c, queries);
        }
    }

    /** Loads the synthetic set unless this size is already there (a marker table says what was loaded). */
    private static void load(Connection c, int reportCount, int residentCount) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_loaded (reports int, residents int)");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM bench_loaded WHERE reports = " + reportCount
                    + " AND residents = " + residentCount)) {
                if (rs.next()) {
                    System.out.printf(
                            Locale.ROOT,
                            "Data already loaded: %,d reports, %,d residents%n",
                            reportCount,
                            residentCount);
                    return;
                }
            }
            s.execute("TRUNCATE missing_report, known_person, resident_fragment, search_case, candidate_exclusion, "
                    + "candidate_lead, candidate_pair, bench_loaded");
        }
        long started = System.nanoTime();
        SyntheticPeople people = new SyntheticPeople(2026);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder reports = new StringBuilder();
        StringBuilder persons = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        StringBuilder fragments = new StringBuilder();
        String at =
                OffsetDateTime.of(2019, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toString();
        for (int i = 0; i < reportCount; i++) {
            SyntheticPeople.Person p = people.person();
            ReportProfile r = people.report(p);
            reports.append(r.reportId())
                    .append("\tFAMILY\t")
                    .append(r.name())
                    .append('\t')
                    .append(array(r.otherNames()))
                    .append('\t')
                    .append(r.sex())
                    .append('\t')
                    .append(n(r.birthYear()))
                    .append('\t')
                    .append(n(r.ageWhenLastSeen()))
                    .append('\t')
                    .append(n(r.hometown()))
                    .append('\t')
                    .append(n(r.hometownCode()))
                    .append('\t')
                    .append(n(r.dialect()))
                    .append('\t')
                    .append(r.lastSeenOn())
                    .append("\tOPEN\t")
                    .append(at)
                    .append('\t')
                    .append(at)
                    .append("\t1\t")
                    .append(array(new ArrayList<>(MatchKeys.ofReport(r))))
                    .append('\n');
            if (i < residentCount) {
                ResidentProfile resident = people.resident(p, EnumSet.noneOf(SyntheticPeople.Noise.class));
                UUID id = resident.personId();
                String admitted = resident.admittedOn()
                        .atTime(9, 0)
                        .atOffset(ZoneOffset.ofHours(8))
                        .toString();
                persons.append(id)
                        .append('\t')
                        .append(
                                resident.names().isEmpty()
                                        ? "\\N"
                                        : resident.names().get(0))
                        .append('\t')
                        .append(resident.sex())
                        .append('\t')
                        .append(resident.estimatedAge())
                        .append('\t')
                        .append(
                                resident.hometowns().isEmpty()
                                        ? "\\N"
                                        : resident.hometowns().get(0))
                        .append("\tbench\t")
                        .append(admitted)
                        .append('\t')
                        .append(array(new ArrayList<>(MatchKeys.ofResident(resident))))
                        .append('\n');
                cases.append(UUID.randomUUID())
                        .append('\t')
                        .append(id)
                        .append("\tUNIDENTIFIED_ADMISSION\t")
                        .append(admitted)
                        .append('\t')
                        .append(admitted)
                        .append("\t1\n");
                for (String nick : resident.nicknames()) {
                    fragments
                            .append(UUID.randomUUID())
                            .append('\t')
                            .append(id)
                            .append("\tNICKNAME\t")
                            .append(nick)
                            .append('\t')
                            .append(admitted)
                            .append('\n');
                }
                for (String dialect : resident.dialects()) {
                    fragments
                            .append(UUID.randomUUID())
                            .append('\t')
                            .append(id)
                            .append("\tDIALECT\t")
                            .append(dialect)
                            .append('\t')
                            .append(admitted)
                            .append('\n');
                }
            }
            if (reports.length() > 8_000_000 || i == reportCount - 1) {
                copy.copyIn(
                        "COPY missing_report (report_id, reporter_kind, name, other_names, sex, birth_year, age_when_last_seen, "
                                + "hometown, hometown_code, dialect, last_seen_on, status, submitted_at, updated_at, version, match_keys) "
                                + "FROM STDIN",
                        new StringReader(reports.toString()));
                reports.setLength(0);
            }
        }
        copy.copyIn(
                "COPY known_person (person_id, name, sex, estimated_age, hometown, station_id, admitted_at, match_keys) "
                        + "FROM STDIN",
                new StringReader(persons.toString()));
        copy.copyIn(
                "COPY search_case (case_id, person_id, opening_reason, opened_at, last_progress_at, version) FROM STDIN",
                new StringReader(cases.toString()));
        copy.copyIn(
                "COPY resident_fragment (fragment_id, person_id, kind, value, recorded_at) FROM STDIN",
                new StringReader(fragments.toString()));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS bench_report_name ON missing_report (name)"); // the plain lookup's
            // index
            s.execute("VACUUM ANALYZE missing_report");
            s.execute("VACUUM ANALYZE known_person");
            s.execute("VACUUM ANALYZE search_case");
            s.execute("VACUUM ANALYZE resident_fragment");
            s.execute("INSERT INTO bench_loaded VALUES (" + reportCount + ", " + residentCount + ")");
        }
        System.out.printf(
                Locale.ROOT,
                "Loaded %,d reports and %,d residents with open cases in %.0f s (COPY into the read model)%n",
                reportCount,
                residentCount,
                (System.nanoTime() - started) / 1e9);
    }

    private static void run(Connection c, int queries) throws SQLException {
        Candidates candidates = new Candidates(new MissingPersonReports(null), new Residents(null, null));
        List<UUID> persons = sample(c, "SELECT person_id FROM known_person TABLESAMPLE SYSTEM (5) LIMIT ?", queries);
        List<UUID> reports = sample(c, "SELECT report_id FROM missing_report TABLESAMPLE SYSTEM (1) LIMIT ?", queries);
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT name FROM missing_report TABLESAMPLE SYSTEM (1) LIMIT ?")) {
            ps.setInt(1, queries);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        int[] sizes = new int[2];
        int[] warmed = new int[2]; // what the warm-up runs returned, not counted
        System.out.printf(
                Locale.ROOT,
                "%-58s %9s %9s %9s%n",
                "query (" + queries + " each, after warm-up)",
                "p50 ms",
                "p95 ms",
                "max ms");
        time(c, "plain indexed lookup: report by id (primary key)", reports, id -> {
            one(c, "SELECT * FROM missing_report WHERE report_id = ?", id);
            return null;
        });
        time(c, "plain indexed lookup: reports by exact name (btree)", names, name -> {
            one(c, "SELECT * FROM missing_report WHERE name = ?", name);
            return null;
        });
        for (int i = 0; i < Math.min(WARM_UP, queries); i++) {
            warmed[0] += candidates.forPerson(c, persons.get(i), 10).size();
            warmed[1] += candidates.forReport(c, reports.get(i), 10).size();
        }
        time(c, "candidates for a resident among the open reports (top 10)", persons, id -> {
            sizes[0] += candidates.forPerson(c, id, 10).size();
            return null;
        });
        time(c, "candidates for a report among residents with a case (top 10)", reports, id -> {
            sizes[1] += candidates.forReport(c, id, 10).size();
            return null;
        });
        sizes[0] -= warmed[0];
        sizes[1] -= warmed[1];
        long reportRows = count(c, "SELECT count(*) FROM missing_report WHERE status = 'OPEN'");
        long residentRows =
                count(c, "SELECT count(*) FROM known_person k JOIN search_case s ON s.person_id = k.person_id");
        System.out.printf(
                Locale.ROOT,
                "over %,d open reports and %,d residents with an open case; candidates returned per query: "
                        + "%.1f (resident), %.1f (report)%n",
                reportRows,
                residentRows,
                sizes[0] / (double) queries,
                sizes[1] / (double) queries);
        blockedSizes(c, persons, reports);
    }

    /** How many rows the blocking keys select, on average: what the scorer then has to score. */
    private static void blockedSizes(Connection c, List<UUID> persons, List<UUID> reports) throws SQLException {
        Residents residents = new Residents(null, null);
        MissingPersonReports reportViews = new MissingPersonReports(null);
        long forPersons = 0;
        long forReports = 0;
        int n = Math.min(50, Math.min(persons.size(), reports.size()));
        for (int i = 0; i < n; i++) {
            ResidentProfile p =
                    Candidates.profileOf(residents.find(c, persons.get(i)).orElseThrow());
            forPersons += reportViews.openMatching(c, MatchKeys.forResident(p)).size();
            ReportProfile r =
                    Candidates.profileOf(reportViews.find(c, reports.get(i)).orElseThrow());
            forReports +=
                    residents.withOpenCaseMatching(c, MatchKeys.forReport(r)).size();
        }
        System.out.printf(
                Locale.ROOT,
                "rows selected by the blocking keys and scored, mean of %d: %.0f reports per resident, "
                        + "%.0f residents per report%n",
                n,
                forPersons / (double) n,
                forReports / (double) n);
    }

    private interface Query<T> {
        Object run(T value) throws SQLException;
    }

    private static <T> void time(Connection c, String what, List<T> values, Query<T> query) throws SQLException {
        for (int i = 0; i < Math.min(WARM_UP, values.size()); i++) { // warm-up: JIT and the buffer cache
            query.run(values.get(i));
        }
        long[] nanos = new long[values.size()];
        for (int i = 0; i < values.size(); i++) {
            long start = System.nanoTime();
            query.run(values.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        c.rollback();
        Arrays.sort(nanos);
        Function<Double, Double> pct =
                q -> nanos[Math.min(nanos.length - 1, (int) Math.ceil(q * nanos.length) - 1)] / 1e6;
        System.out.printf(
                Locale.ROOT,
                "%-58s %9.2f %9.2f %9.2f%n",
                what,
                pct.apply(0.5),
                pct.apply(0.95),
                nanos[nanos.length - 1] / 1e6);
    }

    private static List<UUID> sample(Connection c, String sql, int n) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        Collections.shuffle(ids, new Random(1));
        return ids;
    }

    private static void one(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString("name");
                }
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String n(Object value) {
        return value == null ? "\\N" : value.toString();
    }

    /** A text[] literal for COPY: {"a","b"} (names and keys hold no quotes, backslashes or tabs). */
    private static String array(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private MatchBenchmark() {}
}
