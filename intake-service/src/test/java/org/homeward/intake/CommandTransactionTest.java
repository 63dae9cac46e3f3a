package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hamcrest.Matchers;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.intake.PersonEvent.FamilyFoundNoted;
import org.homeward.eventstore.EventStore;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.sourcing.Sql;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A command, its events, its read models and its idempotent answer are one transaction. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class CommandTransactionTest {
    static final Tokens TOKENS = Tokens.forTests();

    @Inject
    AgroalDataSource dataSource;

    String station;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @BeforeEach
    void station() {
        station = "tx-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
    }

    @Test
    void the_idempotent_answer_is_written_by_the_transaction_that_appended_the_events() throws Exception {
        String key = UUID.randomUUID().toString();
        String stay = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(admission())
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("stayId");

        try (Connection c = dataSource.getConnection()) {
            String answeredBy = Sql.one(
                            c,
                            "SELECT tx_id::text FROM idempotent_request WHERE key LIKE ?",
                            rs -> rs.getString(1),
                            "% " + key)
                    .orElseThrow();
            List<String> appendedBy =
                    Sql.list(c, "SELECT tx_id::text FROM event_store WHERE stream_id = ?", rs -> rs.getString(1), stay);
            assertThat(appendedBy).containsOnly(answeredBy);
            assertThat(Sql.one(
                            c,
                            "SELECT status FROM idempotent_request WHERE key LIKE ?",
                            rs -> rs.getInt(1),
                            "% " + key))
                    .contains(201);
        }
    }

    @Test
    void an_idempotency_key_is_scoped_by_caller_so_another_callers_equal_key_is_another_request() {
        String key = "same-key-" + UUID.randomUUID();
        Response first =
                as("staff-a").header("Idempotency-Key", key).body(admission()).post("/api/admissions");
        Response other =
                as("staff-b").header("Idempotency-Key", key).body(admission()).post("/api/admissions");
        Response retry =
                as("staff-a").header("Idempotency-Key", key).body(admission()).post("/api/admissions");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.<String>path("personId")).isNotEqualTo(first.path("personId"));
        assertThat(other.getHeader("Idempotent-Replayed")).isNull();
        assertThat(retry.<String>path("personId")).isEqualTo(first.path("personId"));
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void a_command_without_if_match_that_loses_a_race_to_a_consumer_decides_again_on_the_new_state() throws Exception {
        String person = admitPerson();
        CompletableFuture<Integer> command = raceOnPersonStream(person, null);
        assertThat(command.get()).isEqualTo(201);
        given().get("/api/persons/" + person + "/history")
                .then()
                .body("eventType", Matchers.hasItems("intake.FamilyFoundNoted", "intake.IdentityFragmentRecorded"));
    }

    @Test
    void a_command_with_if_match_that_loses_the_same_race_is_refused_with_412() throws Exception {
        String person = admitPerson();
        String etag = given().get("/api/persons/" + person).then().extract().header("ETag");
        CompletableFuture<Integer> command = raceOnPersonStream(person, etag);
        assertThat(command.get()).isEqualTo(412);
    }

    /**
     * Holds a FamilyFoundNoted append to the person's stream open (as the consumer of search's events
     * would), sends a fragment command that loads the stream meanwhile and blocks on the next version,
     * then commits the consumer's append first.
     */
    private CompletableFuture<Integer> raceOnPersonStream(String person, String ifMatch) throws Exception {
        EventStore store = new EventStore(new Transactions(dataSource), new EventCodec());
        StreamId stream = StreamId.of("person", UUID.fromString(person));
        try (Connection consumer = dataSource.getConnection()) {
            consumer.setAutoCommit(false);
            long version = store.load(stream).version();
            store.append(
                    consumer,
                    stream,
                    version,
                    List.of(new NewEvent(
                            new FamilyFoundNoted(UUID.fromString(person), UUID.randomUUID()), OffsetDateTime.now())),
                    Metadata.of(Actor.SYSTEM));
            CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> {
                var request = given().contentType(ContentType.JSON).body("{\"kind\":\"NICKNAME\",\"value\":\"阿强\"}");
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                return request.post("/api/persons/" + person + "/fragments").statusCode();
            });
            await().atMost(Duration.ofSeconds(30)).until(this::commandWaitsOnALock);
            consumer.commit();
            return command;
        }
    }

    private boolean commandWaitsOnALock() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return Sql.one(
                                    c,
                                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                            + "AND wait_event_type = 'Lock'",
                                    rs -> rs.getLong(1))
                            .orElse(0L)
                    > 0;
        }
    }

    private String admitPerson() {
        return given().contentType(ContentType.JSON)
                .body(admission())
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
    }

    private String admission() {
        return "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"2018-06-01T09:00:00+08:00\"}";
    }

    private RequestSpecification as(String subject) {
        return RestAssured.given()
                .noFilters()
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + TOKENS.token(subject, "STATION_STAFF", null));
    }
}
