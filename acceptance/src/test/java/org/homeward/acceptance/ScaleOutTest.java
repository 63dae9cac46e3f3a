package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service, each pair on one database, all on one broker, as a station's
 * deployment scaled out. Load goes to both; halfway one instance of each service is killed (no
 * shutdown, as a crashed process). Every command a client saw accepted is there exactly once, and
 * every figure equals what the commands imply and what a rebuild from the topics gives.
 */
class ScaleOutTest {
    static final int PEOPLE = 60;
    static final int STREET_CASES = 20;
    static final String STATION = "scale-out";
    static final String PERIOD = "from=2020-01-01&to=2021-01-01&stationId=" + STATION;

    static RunningPlatform platform;
    static HomewardClient[] instance;
    /** Calls that found their instance dead and went to the other: the load carried on across the kill. */
    static final AtomicInteger FAILED_OVER = new AtomicInteger();

    @BeforeAll
    static void start() {
        platform = RunningPlatform.start("scaleout", 2);
        String token = Tokens.forTests().token("scale-out-admin", "ADMIN", null);
        instance = new HomewardClient[] {
            new HomewardClient(platform.instance(0), token), new HomewardClient(platform.instance(1), token)
        };
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    /** What the clients saw accepted, to hold the platform to. */
    static final class Accepted {
        final Set<String> stays = ConcurrentHashMap.newKeySet();
        final AtomicInteger exits = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger rescued = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
    }

    @Test
    void with_two_instances_of_each_service_and_one_of_each_killed_mid_load_nothing_is_lost_or_doubled()
            throws Exception {
        call(0, c -> c.post("intake", "/api/stations", Map.of("stationId", STATION, "name", "扩容站"), "station"));
        String program = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> call(
                                        0,
                                        c -> c.post(
                                                "outreach",
                                                "/api/programs",
                                                Map.of("name", "街面巡查", "kind", "STAFF_PATROL", "stationId", STATION),
                                                "program"))
                                .get("programId")
                                .asText(),
                        id -> !id.isEmpty());

        Accepted accepted = new Accepted();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int k = 0; k < PEOPLE; k++) {
            int person = k;
            work.add(clients.submit(() -> person(person, accepted)));
        }
        for (int k = 0; k < STREET_CASES; k++) {
            int streetCase = k;
            work.add(clients.submit(() -> streetCase(streetCase, program, accepted)));
        }
        // halfway: one instance of each service dies as a crashed process would
        await().atMost(Duration.ofMinutes(3)).until(() -> accepted.done.get() >= (PEOPLE + STREET_CASES) / 2);
        for (String service : RunningPlatform.SERVICES) {
            platform.kill(service, 0);
        }
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        assertThat(accepted.stays).hasSize(PEOPLE);
        assertThat(FAILED_OVER.get())
                .as("calls that met a dead instance and went to the other")
                .isPositive();

        HomewardClient survivor = instance[1];
        // intake: every stay once (a retried admission that had committed on the dead instance got its first answer)
        JsonNode open = survivor.get("intake", "/api/stays?open=true&limit=1000&stationId=" + STATION);
        assertThat(open.size()).isEqualTo(PEOPLE - accepted.exits.get());
        // search: one case per person, though both instances consumed the admissions and one died mid-batch
        for (JsonNode stay : open) {
            assertThat(survivor.get(
                                    "search",
                                    "/api/search-cases?personId="
                                            + stay.get("personId").asText())
                            .size())
                    .isEqualTo(1);
        }
        // reporting (its instance 0 died; the survivor took its partitions over): the figures the commands imply
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            JsonNode flow = survivor.get("reporting", "/api/reports/flow?" + PERIOD);
            assertThat(flow.get("admissions").asInt()).isEqualTo(PEOPLE);
            assertThat(flow.get("exits").asInt()).isEqualTo(accepted.exits.get());
            assertThat(survivor.get("reporting", "/api/reports/family-search?" + PERIOD)
                            .get("successes")
                            .asInt())
                    .isEqualTo(accepted.successes.get());
            assertThat(survivor.get("reporting", "/api/reports/outreach?" + PERIOD)
                            .get("rescued")
                            .asInt())
                    .isEqualTo(accepted.rescued.get());
        });
        JsonNode members = survivor.get("reporting", "/api/reports/flow/members?figure=admissions&" + PERIOD);
        assertThat(members.findValuesAsText("stayId")).containsExactlyInAnyOrderElementsOf(accepted.stays);

        // and the same as a single reader of the topics gives: rebuild on the survivor and compare
        List<String> reports = List.of(
                "/api/reports/flow?" + PERIOD,
                "/api/reports/family-search?" + PERIOD,
                "/api/reports/outreach?" + PERIOD,
                "/api/reports/retention?asOf=2020-07-01&stationId=" + STATION);
        Map<String, JsonNode> live = new LinkedHashMap<>();
        for (String report : reports) {
            live.put(report, survivor.get("reporting", report));
        }
        survivor.post("reporting", "/api/admin/rebuild", Map.of());
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "DONE"
                        .equals(survivor.get("reporting", "/api/admin/rebuild")
                                .get("state")
                                .asText()));
        for (String report : reports) {
            assertThat(survivor.get("reporting", report)).as(report).isEqualTo(live.get(report));
        }
    }

    /** One resident's stay: admitted; then found by a confirmed lead and picked up, escorted home, or still here. */
    private void person(int k, Accepted accepted) {
        OffsetDateTime admitted =
                OffsetDateTime.parse("2020-01-01T10:00:00+08:00").plusDays(k * 3L);
        JsonNode stay = call(
                k,
                c -> c.post(
                        "intake",
                        "/api/admissions",
                        Map.of(
                                "person",
                                Map.of("sex", "MALE", "estimatedAge", 40, "identified", false),
                                "stationId",
                                STATION,
                                "arrivalChannel",
                                "POLICE",
                                "occurredAt",
                                admitted.toString()),
                        "admit-" + k));
        accepted.stays.add(stay.get("stayId").asText());
        String personId = stay.get("personId").asText();
        // search-service opens the case from the admission event, on whichever instance holds that partition
        String caseId = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> call(k, c -> c.get("search", "/api/search-cases?personId=" + personId)),
                        cases -> cases.size() > 0)
                .get(0)
                .get("caseId")
                .asText();
        if (k % 3 == 0) {
            String lead = call(
                            k,
                            c -> c.post(
                                    "search",
                                    "/api/search-cases/" + caseId + "/leads",
                                    Map.of(
                                            "channel",
                                            "NATIONAL_NETWORK",
                                            "summary",
                                            "线索",
                                            "occurredAt",
                                            admitted.plusDays(1).toString()),
                                    "lead-" + k))
                    .get("leadId")
                    .asText();
            call(
                    k,
                    c -> c.post(
                            "search",
                            "/api/search-cases/" + caseId + "/leads/" + lead + "/verification",
                            Map.of(
                                    "outcome",
                                    "CONFIRMED",
                                    "contacted",
                                    List.of("派出所"),
                                    "occurredAt",
                                    admitted.plusDays(2).toString()),
                            "verify-" + k));
            call(
                    k,
                    c -> c.post(
                            "search",
                            "/api/search-cases/" + caseId + "/success",
                            Map.of(
                                    "leadId",
                                    lead,
                                    "creditedUnit",
                                    "寻亲服务组",
                                    "occurredAt",
                                    admitted.plusDays(2).plusHours(1).toString()),
                            "success-" + k));
            accepted.successes.incrementAndGet();
            discharge(k, stay.get("stayId").asText(), "FAMILY_PICKUP", admitted.plusDays(3), accepted);
        } else if (k % 3 == 1) {
            discharge(k, stay.get("stayId").asText(), "ESCORTED_HOME", admitted.plusDays(20), accepted);
        }
        accepted.done.incrementAndGet();
    }

    private void discharge(int k, String stayId, String exit, OffsetDateTime at, Accepted accepted) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("exitType", exit, "occurredAt", at.toString()));
        if (exit.equals("FAMILY_PICKUP")) {
            body.put("pickedUpBy", "家属");
            body.put("relation", "亲属");
        } else {
            body.put("destination", "户籍地");
            body.put("transport", "火车");
            body.put("escortStaff", "救助站工作人员");
        }
        call(k, c -> c.post("intake", "/api/stays/" + stayId + "/discharge", body, "discharge-" + k));
        accepted.exits.incrementAndGet();
    }

    /** A street case: a contact, and for every other one the outcome 成功救助 (reunited). */
    private void streetCase(int k, String program, Accepted accepted) {
        OffsetDateTime opened =
                OffsetDateTime.parse("2020-02-01T09:00:00+08:00").plusDays(k * 5L);
        String caseId = call(
                        k,
                        c -> c.post(
                                "outreach",
                                "/api/street-cases",
                                Map.of(
                                        "programId",
                                        program,
                                        "location",
                                        "街面" + k + "号点",
                                        "occurredAt",
                                        opened.toString()),
                                "street-" + k))
                .get("caseId")
                .asText();
        call(
                k,
                c -> c.post(
                        "outreach",
                        "/api/street-cases/" + caseId + "/contacts",
                        Map.of(
                                "services",
                                List.of("PERSUASION"),
                                "occurredAt",
                                opened.plusHours(1).toString()),
                        "contact-" + k));
        if (k % 2 == 0) {
            call(
                    k,
                    c -> c.post(
                            "outreach",
                            "/api/street-cases/" + caseId + "/outcome",
                            Map.of(
                                    "outcome",
                                    "REUNITED",
                                    "occurredAt",
                                    opened.plusDays(1).toString()),
                            "outcome-" + k));
            accepted.rescued.incrementAndGet();
        }
        accepted.done.incrementAndGet();
    }

    /**
     * A call to one instance (spread by k), and while it fails (refused by a dead instance, cut off by a dying
     * one, a 502/503 or a timeout) the same call to the other, then back, with growing pauses, for up to two
     * minutes, as a client behind a plain load balancer would. A POST carries its Idempotency-Key: a command
     * the dead instance had committed is answered, not redone, and one still running elsewhere is waited for.
     */
    private static JsonNode call(int k, Function<HomewardClient, JsonNode> request) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                JsonNode answer = request.apply(instance[(k + attempt) % 2]);
                if (attempt > 0) {
                    FAILED_OVER.incrementAndGet();
                }
                return answer;
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (IllegalStateException e) {
                if (!e.getMessage().matches("(?s).* answered 50[23] .*") || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(Math.min(100L * attempt, 2_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
