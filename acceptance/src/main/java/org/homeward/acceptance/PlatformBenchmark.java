package org.homeward.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Prints the platform's figures beside the raw limits of its PostgreSQL and Kafka, measured in the
 * same run on the same machine: commands per second and latency percentiles through REST (closed loop
 * at 1, 4 and 16 clients, each beside the raw one-row-insert rate at as many clients, and open loop at
 * an offered rate), where the CPU of an admission goes (per process of the platform), the lag until
 * reporting shows a command, and the projection rebuild rate. Run it against a running platform
 * ({@code ./homeward bench}); it asserts nothing.
 */
public final class PlatformBenchmark {
    private static final String PAYLOAD = "{\"personId\":\"" + UUID.randomUUID()
            + "\",\"kind\":\"NICKNAME\",\"value\":\"" + "x".repeat(560) + "\",\"source\":\"STAFF\"}";
    private static final int[] CLIENTS = {1, 4, 16};
    /** Issue 16's targets: the command path at 16 clients against raw, and p99 at an offered rate. */
    private static final double TARGET_SHARE_OF_RAW = 0.15;

    private static final double TARGET_P99_MS = 25;

    private final HomewardClient api = HomewardClient.local();
    private final String pg = env("HOMEWARD_PG", "127.0.0.1:5432");
    private final String kafka = env("HOMEWARD_KAFKA", "127.0.0.1:9092");
    private final int seconds = Integer.parseInt(env("HOMEWARD_BENCH_SECONDS", "10"));
    private final int offered = Integer.parseInt(env("HOMEWARD_BENCH_OFFERED", "500"));
    private final ProcessCpu cpu = new ProcessCpu(env("HOMEWARD_PIDS", ""));
    private final Map<Integer, Double> raw = new LinkedHashMap<>();
    private int openLoopFailures;

    public static void main(String[] args) throws Exception {
        new PlatformBenchmark().run();
    }

    void run() throws Exception {
        System.out.printf(
                "Homeward benchmark: %d s a measurement, %d cores%n%n",
                seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| measurement | clients | ops/s | p50 ms | p95 ms | p99 ms | beside its yardstick |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int clients : CLIENTS) {
            Result r = rawPostgres(clients);
            raw.put(clients, r.perSecond());
            row("PostgreSQL raw: 1-row jsonb INSERT per tx", clients, r, "(the yardstick)");
        }
        row("Kafka raw: produce 600 B, acks=all, linger 5 ms", 1, rawKafkaProduce(50_000), "(a yardstick)");
        row("Kafka raw: consume", 1, rawKafkaConsume(), "(a yardstick)");
        String station = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "基准测试站"));
        List<String> persons = Collections.synchronizedList(new ArrayList<>());
        ThrowingRunnable admit = () -> {
            persons.add(admitUnidentified(station).get("personId").asText());
        };
        Map<String, Double> cpuPerAdmission = Map.of();
        for (int clients : CLIENTS) {
            Map<String, Long> before = cpu.snapshot();
            long from = System.currentTimeMillis();
            Result r = platform(clients, admit);
            // when it ran, for a profile taken beside it (JFR events carry wall-clock times)
            System.err.printf(
                    "# admissions at %d clients: %d–%d ms since the epoch%n",
                    clients, from, System.currentTimeMillis());
            if (clients == CLIENTS[CLIENTS.length - 1]) {
                cpuPerAdmission = cpu.perOperation(before, cpu.snapshot(), r.count());
            }
            double share = r.perSecond() / raw.get(clients);
            row(
                    "Homeward: POST /api/admissions",
                    clients,
                    r,
                    String.format(
                            "%.1f %% of raw at %d clients%s",
                            share * 100,
                            clients,
                            clients == 16 ? String.format(" (target ≥ %.0f %%)", TARGET_SHARE_OF_RAW * 100) : ""));
        }
        Result open = openLoop(offered, admit);
        row(
                "Homeward: POST /api/admissions, offered " + offered + "/s (open loop)",
                0,
                open,
                String.format(
                        "served %.0f of %d/s, %d failed or timed out; p99 target ≤ %.0f ms",
                        open.perSecond(), offered, openLoopFailures, TARGET_P99_MS));
        AtomicLong next = new AtomicLong();
        for (int clients : new int[] {1, 4}) {
            row(
                    "Homeward: POST fragments (load, decide, append)",
                    clients,
                    platform(
                            clients,
                            () -> api.post(
                                    "intake",
                                    "/api/persons/" + persons.get((int) (next.getAndIncrement() % persons.size()))
                                            + "/fragments",
                                    Map.of(
                                            "kind",
                                            "NICKNAME",
                                            "value",
                                            "阿强",
                                            "occurredAt",
                                            "2017-02-01T10:00:00+08:00"))),
                    "");
        }
        System.out.println();
        if (!cpuPerAdmission.isEmpty()) {
            System.out.println("CPU per admission at 16 clients, by process (ms; 2 cores give 2,000 ms a second):");
            cpuPerAdmission.forEach((process, ms) -> System.out.printf("  %-10s %6.2f%n", process, ms));
            System.out.printf(
                    "  %-10s %6.2f%n",
                    "all",
                    cpuPerAdmission.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum());
            System.out.println();
        }
        projectionLag(station, persons.size());
        transactionsPerAdmission();
        rebuildRate();
    }

    /**
     * The transactions the consumers open per admission, exactly: every record a consumer applies writes a
     * row of processed_event (reporting: applied_event) in the transaction that applies it, so the rows
     * written while admissions run at 16 clients on a station of their own, and the distinct transactions
     * (xmin) that wrote them, are the records and transactions. Counted from when every consumer group has
     * caught up until they all have again.
     */
    /** The admission both measurements time: an unidentified man brought in by the police. */
    private JsonNode admitUnidentified(String station) {
        return api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        Map.of("sex", "MALE", "identified", false),
                        "stationId",
                        station,
                        "arrivalChannel",
                        "POLICE",
                        "occurredAt",
                        "2017-01-01T10:00:00+08:00"));
    }

    private void transactionsPerAdmission() throws Exception {
        String station = "bench-tx-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "基准测试站"));
        awaitConsumersCaughtUp();
        Map<String, long[]> before = consumerWrites();
        AtomicLong admitted = new AtomicLong();
        platform(16, () -> {
            admitUnidentified(station);
            admitted.incrementAndGet();
        });
        projectionLag(station, (int) admitted.get());
        awaitConsumersCaughtUp();
        Map<String, long[]> after = consumerWrites();
        System.out.printf(
                "Consumers per admission (%d admissions at 16 clients): records applied, transactions%n",
                admitted.get());
        double records = 0;
        double transactions = 0;
        for (String db : after.keySet()) {
            double r = (after.get(db)[0] - before.get(db)[0]) / (double) admitted.get();
            double t = (after.get(db)[1] - before.get(db)[1]) / (double) admitted.get();
            records += r;
            transactions += t;
            System.out.printf("  %-20s %6.2f %6.2f%n", db, r, t);
        }
        System.out.printf("  %-20s %6.2f %6.2f%n%n", "all", records, transactions);
    }

    /** Waits (at most two minutes) until every service's consumer group has committed the end of its topics. */
    private void awaitConsumersCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            long lag = Long.MAX_VALUE;
            while (lag > 0 && System.nanoTime() < deadline) {
                lag = 0;
                for (String group :
                        List.of("intake-service", "search-service", "outreach-service", "reporting-service")) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                    for (var e : committed.entrySet()) {
                        lag += Math.max(
                                0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                if (lag > 0) {
                    Thread.sleep(500);
                }
            }
            if (lag > 0) {
                System.out.printf("(the consumer groups were still %d records behind after two minutes)%n", lag);
            }
        }
    }

    /** Per service database: rows of processed_event (reporting: applied_event, every schema) and their writers. */
    private Map<String, long[]> consumerWrites() throws Exception {
        Map<String, long[]> writes = new LinkedHashMap<>();
        for (String db : List.of("homeward_search", "homeward_outreach", "homeward_reporting", "homeward_intake")) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg + "/" + db, "postgres", "");
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (var rs = s.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                        + "WHERE table_name IN ('processed_event', 'applied_event') AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                long[] counted = new long[2];
                for (String table : tables) {
                    try (var rs = s.executeQuery("SELECT count(*), count(DISTINCT xmin::text) FROM " + table)) {
                        rs.next();
                        counted[0] += rs.getLong(1);
                        counted[1] += rs.getLong(2);
                    }
                }
                writes.put(db, counted);
            }
        }
        return writes;
    }

    /** One-row INSERT of a ~700-byte jsonb event per transaction: the store's own write, without the platform. */
    private Result rawPostgres(int clients) throws Exception {
        String url = "jdbc:postgresql://" + pg + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS homeward_bench (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
            s.execute("TRUNCATE homeward_bench");
        }
        Result result = timed(clients, () -> {
            Connection c = DriverManager.getConnection(url, "postgres", "");
            PreparedStatement ps = c.prepareStatement("INSERT INTO homeward_bench (payload) VALUES (?::jsonb)");
            return () -> {
                ps.setString(1, PAYLOAD);
                ps.executeUpdate();
            };
        });
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE homeward_bench");
        }
        return result;
    }

    private Result rawKafkaProduce(int records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("homeward-bench", Integer.toString(i % 64), PAYLOAD));
            }
            producer.flush();
        }
        return new Result(records / ((System.nanoTime() - start) / 1e9), List.of());
    }

    private Result rawKafkaConsume() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long count = 0;
        long start = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("homeward-bench"));
            int empty = 0;
            while (empty < 10) {
                int n = consumer.poll(Duration.ofMillis(200)).count();
                if (n > 0 && start == 0) {
                    start = System.nanoTime();
                }
                count += n;
                empty = n == 0 && start != 0 ? empty + 1 : 0;
            }
        }
        return new Result(count / ((System.nanoTime() - start) / 1e9 - 2.0), List.of());
    }

    private Result platform(int clients, ThrowingRunnable command) throws Exception {
        return timed(clients, () -> command);
    }

    /**
     * Open loop: one command every 1/rate s whatever the answers, each timed from when it was due (so a
     * slow answer delays no later command and its wait counts: no coordinated omission). A command that
     * fails or times out (the client waits 30 s) counts with the time it took to fail, and is not served.
     * The rate served is the commands answered over the time until the last answer.
     */
    private Result openLoop(int rate, ThrowingRunnable command) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(256);
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        List<Future<Long>> answers = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            answers.add(pool.submit(() -> {
                try {
                    command.run();
                    return System.nanoTime() - due;
                } catch (Exception e) {
                    return -(System.nanoTime() - due);
                }
            }));
        }
        List<Long> latencies = new ArrayList<>(total);
        int failed = 0;
        for (Future<Long> answer : answers) {
            long nanos = answer.get();
            failed += nanos < 0 ? 1 : 0;
            latencies.add(Math.abs(nanos));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        openLoopFailures = failed;
        return new Result((total - failed) / elapsed, latencies);
    }

    /** How long after the last admission reporting's in-station figure includes it. */
    private void projectionLag(String station, int admitted) throws InterruptedException {
        long start = System.nanoTime();
        long seen = 0;
        while (System.nanoTime() - start < 60_000_000_000L) {
            seen = api.get("reporting", "/api/reports/retention?asOf=2018-01-01&stationId=" + station)
                    .get("inStation")
                    .asLong();
            if (seen == admitted) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.printf(
                "Projection lag after the last of %d admissions: %.0f ms (reporting saw %d)%n",
                admitted, (System.nanoTime() - start) / 1e6, seen);
    }

    private void rebuildRate() throws InterruptedException {
        api.post("reporting", "/api/admin/rebuild", Map.of());
        JsonNode progress = api.get("reporting", "/api/admin/rebuild");
        while ("RUNNING".equals(progress.get("state").asText())) {
            Thread.sleep(200);
            progress = api.get("reporting", "/api/admin/rebuild");
        }
        System.out.printf(
                "Projection rebuild from the topics: %d events at %.0f events/s (%s)%n",
                progress.get("done").asLong(),
                progress.get("eventsPerSecond").asDouble(),
                progress.get("state").asText());
    }

    private Result timed(int clients, ThrowingSupplier<ThrowingRunnable> perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<List<Long>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                ThrowingRunnable op = perClient.get();
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    op.run();
                    latencies.add(System.nanoTime() - t);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return new Result(all.size() / ((System.nanoTime() - start) / 1e9), all);
    }

    private static void row(String what, int clients, Result r, String beside) {
        System.out.printf(
                "| %s | %s | %.0f | %s | %s | %s | %s |%n",
                what,
                clients == 0 ? "open" : clients,
                r.perSecond(),
                r.percentile(50),
                r.percentile(95),
                r.percentile(99),
                beside);
    }

    record Result(double perSecond, List<Long> latenciesNanos) {
        long count() {
            return latenciesNanos.size();
        }

        String percentile(int p) {
            if (latenciesNanos.isEmpty()) {
                return "–";
            }
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return String.format("%.1f", sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6);
        }
    }

    /**
     * The CPU time of the platform's processes, from Linux's /proc: the services and the broker by the pid
     * files of {@code ./homeward up} (HOMEWARD_PIDS), PostgreSQL as every process named postgres, and this
     * benchmark's own JVM (the clients). Empty where there is no /proc.
     */
    static final class ProcessCpu {
        private static final double MS_PER_TICK = 10; // USER_HZ is 100 on Linux
        private final Path pids;

        ProcessCpu(String pidDirectory) {
            this.pids = pidDirectory.isEmpty() ? null : Path.of(pidDirectory);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            if (pids != null && Files.isDirectory(pids)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
                    for (Path file : files) {
                        String name = file.getFileName().toString().replace(".pid", "");
                        ticks.put(name, ticksOf(Files.readString(file).strip()));
                    }
                } catch (IOException e) {
                    return Map.of();
                }
            }
            long postgres = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    Path comm = process.resolve("comm");
                    if (Files.isReadable(comm) && Files.readString(comm).strip().equals("postgres")) {
                        postgres += ticksOf(process.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                return Map.of();
            }
            ticks.put("postgres", postgres);
            ticks.put("bench", ticksOf(Long.toString(ProcessHandle.current().pid())));
            return ticks;
        }

        Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
            Map<String, Double> ms = new LinkedHashMap<>();
            if (operations == 0) {
                return ms;
            }
            after.forEach((name, ticks) -> {
                if (before.containsKey(name)) {
                    ms.put(name, (ticks - before.get(name)) * MS_PER_TICK / operations);
                }
            });
            return ms;
        }

        /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat), 0 when it is gone. */
        private static long ticksOf(String pid) {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
