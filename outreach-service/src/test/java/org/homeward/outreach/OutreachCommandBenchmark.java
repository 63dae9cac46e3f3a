package org.homeward.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * outreach-service's command path beside raw PostgreSQL, in one run on one machine: commands per
 * second and p50/p99 latency at 1, 4 and 16 clients over HTTP (and a read of the read model, the
 * floor that HTTP, the token and one read transaction set) (with the service's own database,
 * broker and key pair of the test profile), next to a one-row jsonb INSERT per transaction on the
 * same database. Prints a table; asserts nothing. Not part of the test suite (its name is no test's):
 * {@code mvn -B -q verify -pl outreach-service -am -Dtest=OutreachCommandBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (HOMEWARD_BENCH_SECONDS per measurement, default 5). The
 * clients run in the service's JVM, so the figures are the service's and its clients' on the cores.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_bench"))
class OutreachCommandBenchmark {
    private static final int[] CLIENTS = {1, 4, 16};
    private static final String PAYLOAD = "{\"caseId\":\"" + UUID.randomUUID()
            + "\",\"services\":[\"SUPPLIES\"],\"note\":\"" + "x".repeat(560) + "\"}";

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token = Tokens.forTests().token("ADMIN");
    private final double seconds = Double.parseDouble(System.getenv().getOrDefault("HOMEWARD_BENCH_SECONDS", "5"));

    @Test
    void prints_commands_per_second_beside_raw_postgres() throws Exception {
        Registries.station(dataSource, "bench");
        String program = post(
                        "/api/programs", "{\"name\":\"基准\",\"kind\":\"SOCIAL_WORK_PROJECT\",\"stationId\":\"bench\"}")
                .get("programId")
                .asText();
        warmUp(program);
        System.out.printf(
                "%noutreach-service command path, %.0f s a measurement, %d cores%n%n",
                seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| measurement | clients | ops/s | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|");
        for (int clients : CLIENTS) {
            row("PostgreSQL raw: 1-row jsonb INSERT per tx", clients, rawPostgres(clients));
        }
        List<String> cases = Collections.synchronizedList(new ArrayList<>());
        for (int clients : CLIENTS) {
            row(
                    "POST /api/street-cases (check programme, new stream)",
                    clients,
                    timed(
                            clients,
                            () -> cases.add(post("/api/street-cases", "{\"programId\":\"" + program + "\"}")
                                    .get("caseId")
                                    .asText())));
        }
        AtomicLong next = new AtomicLong();
        for (int clients : CLIENTS) {
            row(
                    "POST contacts + Idempotency-Key (load, decide, append)",
                    clients,
                    timed(
                            clients,
                            () -> post(
                                    "/api/street-cases/" + cases.get((int) (next.getAndIncrement() % cases.size()))
                                            + "/contacts",
                                    "{\"services\":[\"SUPPLIES\",\"COUNSELING\"],\"suppliesValue\":35.5}")));
        }
        for (int clients : CLIENTS) {
            row(
                    "GET /api/street-cases/{id} (read model, no command)",
                    clients,
                    timed(
                            clients,
                            () -> get(
                                    "/api/street-cases/" + cases.get((int) (next.getAndIncrement() % cases.size())))));
        }
        System.out.println();
    }

    private void get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void warmUp(String program) throws Exception {
        for (int i = 0; i < 200; i++) {
            String caseId = post("/api/street-cases", "{\"programId\":\"" + program + "\"}")
                    .get("caseId")
                    .asText();
            post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[\"SUPPLIES\"]}");
            get("/api/street-cases/" + caseId);
        }
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** One-row INSERT of a ~600-byte jsonb value per transaction: the store's own write, without the service. */
    private Result rawPostgres(int clients) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS raw_bench (id bigserial PRIMARY KEY, payload jsonb NOT NULL)");
        }
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        try {
            return timed(clients, () -> {
                Connection c = dataSource.getConnection();
                connections.add(c);
                PreparedStatement ps = c.prepareStatement("INSERT INTO raw_bench (payload) VALUES (?::jsonb)");
                return () -> {
                    ps.setString(1, PAYLOAD);
                    ps.executeUpdate();
                };
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private Result timed(int clients, Op op) throws Exception {
        return timed(clients, () -> op);
    }

    private Result timed(int clients, ClientSetup setup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    Op op = setup.client();
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
            return new Result(all.size() / ((System.nanoTime() - start) / 1e9), all);
        } finally {
            pool.shutdown();
        }
    }

    private static void row(String what, int clients, Result r) {
        System.out.printf(
                "| %s | %d | %.0f | %.1f | %.1f |%n", what, clients, r.perSecond(), r.percentile(50), r.percentile(99));
    }

    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface ClientSetup {
        Op client() throws Exception;
    }

    record Result(double perSecond, List<Long> latenciesNanos) {
        double percentile(int p) {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
        }
    }
}
