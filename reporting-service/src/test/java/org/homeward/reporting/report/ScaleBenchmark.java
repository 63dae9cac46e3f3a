package org.homeward.reporting.report;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.homeward.eventstore.SqlWork;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;
import org.homeward.testsupport.TestDatabases;

/**
 * The reports over the national scale data set ({@code ./homeward scale-gen}, database {@code homeward_scale}),
 * through the service's own code (FactSchemas.inLive, ReportQueries, Reports, the annual report), each beside a
 * raw PostgreSQL yardstick measured in the same run, alternating: a plain count over the rows that report
 * reads, by the same key. Each run draws its station and its date (or year) from a seeded random source.
 * Prints p50 / p95 in milliseconds; asserts nothing.
 * <p>
 * Run: {@code ./homeward scale-bench [runs [regex]]} (only the measurements whose name the regex finds; default 100 runs per measurement, after up to 5 warm-up runs; a
 * measurement whose warm-up run takes over 300 ms gets as many runs as fit in about 45 s, at least 3: the
 * table's runs column says how many).
 */
public final class ScaleBenchmark {
    private final FactSchemas facts;
    private final ReportQueries queries = new ReportQueries();
    private final Reports reports = new Reports(queries);
    private final AnnualReportResource annual;
    private final Random random = new Random(34);
    private final int runs;
    private final List<String> stations;
    private final String largest;
    private final OffsetDateTime knownAt;
    private final List<String> rows = new ArrayList<>();
    private final Pattern only;

    private ScaleBenchmark(FactSchemas facts, int runs, String only) {
        this.facts = facts;
        this.runs = runs;
        this.only = only == null ? null : Pattern.compile(only);
        this.annual = new AnnualReportResource(facts, reports, new SocialParticipationReport(), queries);
        this.stations =
                facts.inLive(c -> Sql.list(c, "SELECT station_id FROM station ORDER BY 1", rs -> rs.getString(1)));
        this.largest = facts.inLive(c -> Sql.one(
                        c,
                        "SELECT station_id FROM stay GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
                        rs -> rs.getString(1))
                .orElseThrow());
        this.knownAt = facts.inLive(c -> Sql.one(
                        c,
                        "SELECT max(recorded_at) - interval '400 days' FROM applied_event",
                        rs -> rs.getObject(1, OffsetDateTime.class))
                .orElseThrow());
    }

    public static void main(String[] args) throws Exception {
        boolean digest = args.length > 0 && args[0].equals("--digest");
        int runs = args.length > 0 && !digest ? Integer.parseInt(args[0]) : 100;
        String only = args.length > 1 ? args[1] : null;
        String url = TestDatabases.jdbcUrl("homeward_scale");
        try (AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(2)
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url)
                                .principal(new NamePrincipal(TestDatabases.user()))
                                .credential(new SimplePassword("")))))) {
            FactSchemas facts = new FactSchemas(new EventSourcing(ds, null));
            facts.ensureReady(); // brings the live schema up to the current facts.sql (upgrade.sql): indexes and all
            if (digest) {
                new ScaleBenchmark(facts, runs, null).digest();
            } else {
                new ScaleBenchmark(facts, runs, only).run();
            }
        }
    }

    private void run() {
        long stays = facts.inLive(c ->
                Sql.one(c, "SELECT count(*) FROM stay", rs -> rs.getLong(1)).orElseThrow());
        long events = facts.inLive(c -> Sql.one(c, "SELECT count(*) FROM applied_event", rs -> rs.getLong(1))
                .orElseThrow());
        System.out.printf(
                "Scale data: %,d stays over %,d stations, %,d events; largest station %s; %d runs each%n%n",
                stays, stations.size(), events, largest, runs);

        measure("retention as of a date: one station (random)", "20", () -> {
            String s = station();
            LocalDate d = day();
            return pair(
                    c -> queries.retention(c, d, s),
                    c -> count(c, "SELECT count(*) FROM stay WHERE station_id = ?", s));
        });
        measure("retention as of a date: the largest station", "20", () -> {
            LocalDate d = day();
            return pair(
                    c -> queries.retention(c, d, largest),
                    c -> count(c, "SELECT count(*) FROM stay WHERE station_id = ?", largest));
        });
        measure("retention as of a date: a province of 100 stations (100 station queries)", "–", () -> {
            String province = station().substring(0, 3);
            List<String> own =
                    stations.stream().filter(s -> s.startsWith(province)).toList();
            LocalDate d = day();
            return pair(
                    c -> {
                        long n = 0;
                        for (String s : own) {
                            n += queries.retention(c, d, s).inStation();
                        }
                        return n;
                    },
                    c -> count(c, "SELECT count(*) FROM stay WHERE station_id LIKE ?", province + "-%"));
        });
        measure("retention as of a date: national", "50", () -> {
            LocalDate d = day();
            return pair(c -> queries.retention(c, d, null), c -> count(c, "SELECT count(*) FROM stay"));
        });
        measure("retention as of a date, as known at: one station", "–", () -> {
            String s = station();
            LocalDate d = day();
            return pairKnown(
                    c -> queries.retention(c, d, s),
                    c -> count(c, "SELECT count(*) FROM stay WHERE station_id = ?", s));
        });
        measure("retention as of a date, as known at: national", "–", () -> {
            LocalDate d = day();
            return pairKnown(c -> queries.retention(c, d, null), c -> count(c, "SELECT count(*) FROM stay"));
        });
        measure("family-search report for a year: one station (random)", "100", () -> {
            String s = station();
            int y = year();
            return pair(
                    c -> reports.familySearch(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), s),
                    c -> countYear(c, "SELECT count(*) FROM success WHERE occurred_at >= ? AND occurred_at < ?", y));
        });
        measure("family-search report for a year: the largest station", "100", () -> {
            int y = year();
            return pair(
                    c -> reports.familySearch(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), largest),
                    c -> countYear(c, "SELECT count(*) FROM success WHERE occurred_at >= ? AND occurred_at < ?", y));
        });
        measure("family-search report for a year: national", "100", () -> {
            int y = year();
            return pair(
                    c -> reports.familySearch(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), null),
                    c -> countYear(c, "SELECT count(*) FROM success WHERE occurred_at >= ? AND occurred_at < ?", y));
        });
        measure("annual report: one station (random)", "300", () -> {
            String s = station();
            int y = year();
            return pair(
                    c -> annual.annual(c, y, s),
                    c -> countYear(c, "SELECT count(*) FROM stay WHERE admitted_at >= ? AND admitted_at < ?", y));
        });
        measure("annual report: the largest station", "300", () -> {
            int y = year();
            return pair(
                    c -> annual.annual(c, y, largest),
                    c -> countYear(c, "SELECT count(*) FROM stay WHERE admitted_at >= ? AND admitted_at < ?", y));
        });
        measure("annual report: national", "300", () -> {
            int y = year();
            return pair(
                    c -> annual.annual(c, y, null),
                    c -> countYear(c, "SELECT count(*) FROM stay WHERE admitted_at >= ? AND admitted_at < ?", y));
        });
        measure("dashboard retention series, 13 points: one station (random)", "300", () -> {
            String s = station();
            LocalDate to = day().withDayOfMonth(1);
            return pair(c -> reports.retentionSeries(c, to.minusYears(1), to, s), c -> {
                long n = 0;
                for (int i = 0; i < 13; i++) {
                    n += count(c, "SELECT count(*) FROM stay WHERE station_id = ?", s);
                }
                return n;
            });
        });
        measure("dashboard retention series, 13 points: national", "300", () -> {
            LocalDate to = day().withDayOfMonth(1);
            return pair(c -> reports.retentionSeries(c, to.minusYears(1), to, null), c -> {
                long n = 0;
                for (int i = 0; i < 13; i++) {
                    n += count(c, "SELECT count(*) FROM stay");
                }
                return n;
            });
        });
        measure("drill-down (retention/members, inStation): the largest station", "–", () -> {
            LocalDate d = day();
            return pair(
                    c -> queries.retentionMembers(c, d, "inStation", largest),
                    c -> count(
                            c,
                            "SELECT count(*) FROM (SELECT stay_id FROM stay WHERE station_id = ? LIMIT 50) x",
                            largest));
        });
        measure("drill-down (retention/members, inStation): national", "–", () -> {
            LocalDate d = day();
            return pair(
                    c -> queries.retentionMembers(c, d, "inStation", null),
                    c -> count(c, "SELECT count(*) FROM (SELECT stay_id FROM stay LIMIT 50) x"));
        });

        System.out.println();
        System.out.println(
                "| measurement | runs | report p50 ms | report p95 ms | target p95 ms | raw yardstick p50 ms | raw yardstick p95 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /**
     * The figures themselves, for a seeded sample (stations, dates, years; known now and as known at), hashed:
     * two builds of the report code print the same digest when they compute the same figures on the scale data.
     */
    private void digest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<SqlWork<?>> works = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String s = i == 0 ? largest : station();
            LocalDate d = day();
            int y = year();
            works.add(c -> queries.retention(c, d, s));
            works.add(c -> queries.retentionMembers(c, d, "unidentifiedRetained3Months", s));
            works.add(c -> reports.retentionSeries(c, d.minusYears(1), d, s));
            works.add(c -> reports.familySearch(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), s));
            works.add(c -> reports.notices(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), s));
            works.add(c -> annual.annual(c, y, s));
        }
        LocalDate d = day();
        int y = year();
        works.add(c -> queries.retention(c, d, null));
        works.add(c -> queries.retentionMembers(c, d, "retained3Months", null));
        works.add(c -> reports.familySearch(c, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1), null));
        works.add(c -> queries.personDays(c, LocalDate.of(y, 3, 1), LocalDate.of(y, 4, 1), null));
        int n = 0;
        for (boolean known : new boolean[] {false, true}) {
            for (SqlWork<?> work : works) {
                Object result = facts.inLive(known ? new KnownAt(knownAt) : null, work);
                // a list's order among equal sort keys is the plan's: compared as a sorted list of its rows
                String figures = result instanceof List<?> list
                        ? list.stream().map(String::valueOf).sorted().toList().toString()
                        : String.valueOf(result);
                sha.update(figures.getBytes(StandardCharsets.UTF_8));
                n++;
            }
        }
        System.out.printf(
                "%d report results (known now and as known at %s): SHA-256 %s%n",
                n, knownAt, HexFormat.of().formatHex(sha.digest()));
    }

    /** One run: the report's work and the yardstick's, each timed in a transaction of its own. */
    private record Pair(SqlWork<?> report, SqlWork<?> yardstick, boolean known) {}

    private Pair pair(SqlWork<?> report, SqlWork<?> yardstick) {
        return new Pair(report, yardstick, false);
    }

    private Pair pairKnown(SqlWork<?> report, SqlWork<?> yardstick) {
        return new Pair(report, yardstick, true);
    }

    private void measure(String name, String target, Supplier<Pair> next) {
        if (only != null && !only.matcher(name).find()) {
            return;
        }
        int n = runs;
        for (int i = 0; i < 5; i++) { // warm-up; a measurement of seconds a run gets as many runs as fit in 45 s (≥ 3)
            long t = time(next.get())[0];
            if (t > 300_000_000L) {
                n = (int) Math.max(3, Math.min(runs, 45_000_000_000L / t));
                break;
            }
        }
        double[] report = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            long[] t = time(next.get());
            report[i] = t[0] / 1e6;
            raw[i] = t[1] / 1e6;
        }
        String row = String.format(
                "| %s | %d | %.1f | %.1f | %s | %.2f | %.2f |",
                name,
                n,
                percentile(report, 50),
                percentile(report, 95),
                target,
                percentile(raw, 50),
                percentile(raw, 95));
        System.out.println(row);
        rows.add(row);
    }

    private long[] time(Pair p) {
        KnownAt known = p.known() ? new KnownAt(knownAt) : null;
        long t0 = System.nanoTime();
        facts.inLive(known, p.report());
        long t1 = System.nanoTime();
        facts.inLive(p.yardstick());
        long t2 = System.nanoTime();
        return new long[] {t1 - t0, t2 - t1};
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private String station() {
        return stations.get(random.nextInt(stations.size()));
    }

    private LocalDate day() { // 2017-01-01 .. 2025-12-31: a year of history before it
        return LocalDate.of(2017, 1, 1).plusDays(random.nextInt(9 * 365));
    }

    private int year() {
        return 2017 + random.nextInt(9);
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        return Sql.one(c, sql, rs -> rs.getLong(1), args).orElseThrow();
    }

    private static long countYear(Connection c, String sql, int year) throws SQLException {
        return count(
                c, sql, DateParams.startOf(LocalDate.of(year, 1, 1)), DateParams.startOf(LocalDate.of(year + 1, 1, 1)));
    }
}
