package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.homeward.testsupport.Problems.problem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entrusted care (托养) over REST: the stay stays open and shows the institution; bad input stores nothing. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class EntrustedCareApiTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    String station;

    @BeforeEach
    void station() {
        station = "ec-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/stations", "{\"stationId\":\"" + station + "\",\"name\":\"东莞市救助管理站\"}")
                .statusCode(201);
        int n = 0;
        for (String institution : List.of("东莞市社会福利中心", "常平托养中心", "社会福利中心", "另一家")) {
            post(
                            "/api/stations/" + station + "/institutions",
                            "{\"institutionId\":\"inst-" + n++ + "\",\"name\":\"" + institution
                                    + "\",\"kind\":\"BOTH\"}")
                    .statusCode(201);
        }
    }

    @Test
    void an_institution_the_station_has_not_registered_is_refused_and_nothing_is_stored() {
        String stay = admit();
        problem(post("/api/stays/" + stay + "/entrusted-care", "{\"institution\":\"无名托养所\"}"), 422, "institution");
        problem(
                post(
                        "/api/stays/" + stay + "/discharge",
                        "{\"exitType\":\"PLACED_IN_CARE\",\"institution\":\"无名福利院\"}"),
                422,
                "institution");
        given().get("/api/stays/" + stay).then().body("open", equalTo(true)).body("entrustedCare", hasSize(0));
        given().get("/api/stations/" + station + "/institutions")
                .then()
                .statusCode(200)
                .body("size()", equalTo(4))
                .body("name", hasItem("常平托养中心"));
        problem(
                post(
                        "/api/stations/" + station + "/institutions",
                        "{\"institutionId\":\"inst-9\",\"name\":\"常平托养中心\"," + "\"kind\":\"BOTH\"}"),
                409,
                "name");
        problem(
                post(
                        "/api/stations/" + station + "/institutions",
                        "{\"institutionId\":\"Bad Id\",\"name\":\"某院\"," + "\"kind\":\"SOMETHING\"}"),
                400,
                "kind");
        problem(
                post(
                        "/api/stations/nowhere-station/institutions",
                        "{\"institutionId\":\"x1\",\"name\":\"某院\"," + "\"kind\":\"BOTH\"}"),
                404,
                null);
    }

    @Test
    void entrusted_care_keeps_the_stay_open_shows_the_institution_and_follows_transfers_and_returns() {
        String stay = admit();
        String care = post(
                        "/api/stays/" + stay + "/entrusted-care",
                        "{\"institution\":\"东莞市社会福利中心\",\"occurredAt\":\"2018-06-12T10:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("entrustedCareId");

        given().get("/api/stays/" + stay)
                .then()
                .statusCode(200)
                .body("open", equalTo(true))
                .body("currentInstitution", equalTo("东莞市社会福利中心"))
                .body("entrustedCare", hasSize(1))
                .body("entrustedCare[0].entrustedCareId", equalTo(care));
        given().queryParam("stationId", station)
                .get("/api/stays")
                .then()
                .body("find { it.stayId == '" + stay + "' }.currentInstitution", equalTo("东莞市社会福利中心"));

        String next = post(
                        "/api/stays/" + stay + "/entrusted-care/" + care + "/transfer",
                        "{\"institution\":\"常平托养中心\",\"occurredAt\":\"2018-07-01T10:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("entrustedCareId");
        given().get("/api/stays/" + stay)
                .then()
                .body("currentInstitution", equalTo("常平托养中心"))
                .body("entrustedCare", hasSize(2))
                .body("entrustedCare[0].endedAt", notNullValue())
                .body("entrustedCare[1].entrustedCareId", equalTo(next));

        post(
                        "/api/stays/" + stay + "/entrusted-care/" + next + "/return",
                        "{\"occurredAt\":\"2018-08-01T10:00:00+08:00\"}")
                .statusCode(200)
                .body("open", equalTo(true))
                .body("currentInstitution", nullValue())
                .body("entrustedCare[1].endedAt", notNullValue());
    }

    @Test
    void a_final_placement_ends_the_stay_and_the_entrusted_care_with_it() {
        String stay = admit();
        post(
                        "/api/stays/" + stay + "/entrusted-care",
                        "{\"institution\":\"社会福利中心\",\"occurredAt\":\"2018-06-12T10:00:00+08:00\"}")
                .statusCode(201);
        post(
                        "/api/stays/" + stay + "/discharge",
                        "{\"exitType\":\"PLACED_IN_CARE\",\"occurredAt\":\"2018-09-01T10:00:00+08:00\","
                                + "\"institution\":\"东莞市社会福利中心\"}")
                .statusCode(200)
                .body("open", equalTo(false))
                .body("exitType", equalTo("PLACED_IN_CARE"))
                .body("currentInstitution", nullValue())
                .body("entrustedCare[0].endedAt", notNullValue());
    }

    @Test
    void a_death_records_date_place_and_actions_and_closes_the_stay() {
        String stay = admit();
        post(
                        "/api/stays/" + stay + "/death",
                        "{\"place\":\"市第三人民医院\",\"actionsTaken\":\"报警、火化，骨灰寄存\","
                                + "\"occurredAt\":\"2018-06-20T03:00:00+08:00\"}")
                .statusCode(200)
                .body("open", equalTo(false))
                .body("exitType", equalTo("DECEASED"))
                .body("death.place", equalTo("市第三人民医院"))
                .body("death.actionsTaken", equalTo("报警、火化，骨灰寄存"))
                .body("death.diedAt", startsWith("2018-06-19T19:00"));
    }

    @Test
    void bad_entrusted_care_and_death_input_is_a_problem_naming_the_field_and_stores_nothing() {
        String stay = admit();
        long before = eventCount();
        problem(
                post("/api/stays/" + stay + "/entrusted-care/" + UUID.randomUUID() + "/return", "{}"),
                409,
                "entrustedCareId");
        problem(
                post(
                        "/api/stays/" + stay + "/entrusted-care/" + UUID.randomUUID() + "/transfer",
                        "{\"institution\":\"某院\"}"),
                409,
                "entrustedCareId");
        problem(post("/api/stays/" + stay + "/entrusted-care", "{\"institution\":\"  \"}"), 400, "institution");
        problem(
                post(
                        "/api/stays/" + stay + "/death",
                        "{\"place\":\"站内\",\"actionsTaken\":\"报警\"," + "\"occurredAt\":\"2018-05-01T09:00:00+08:00\"}"),
                422,
                "occurredAt");
        problem(post("/api/stays/" + stay + "/death", "{\"actionsTaken\":\"报警\"}"), 400, "place");
        problem(post("/api/stays/" + UUID.randomUUID() + "/entrusted-care", "{\"institution\":\"社会福利中心\"}"), 404, null);
        assertThat(eventCount()).isEqualTo(before);

        post(
                        "/api/stays/" + stay + "/entrusted-care",
                        "{\"institution\":\"社会福利中心\",\"occurredAt\":\"2018-06-12T10:00:00+08:00\"}")
                .statusCode(201);
        long afterFirst = eventCount();
        problem(post("/api/stays/" + stay + "/entrusted-care", "{\"institution\":\"另一家\"}"), 409, "institution");

        post(
                        "/api/stays/" + stay + "/discharge",
                        "{\"exitType\":\"FAMILY_PICKUP\",\"occurredAt\":\"2018-06-20T10:00:00+08:00\","
                                + "\"pickedUpBy\":\"李梅\",\"relation\":\"女儿\"}")
                .statusCode(200);
        long closed = eventCount();
        problem(post("/api/stays/" + stay + "/entrusted-care", "{\"institution\":\"社会福利中心\"}"), 409, "stayId");
        assertThat(closed - afterFirst)
                .isEqualTo(3); // the period's end, the exit details and the discharge, nothing from the refusals
        assertThat(eventCount()).isEqualTo(closed);
    }

    @Test
    void a_retried_start_with_the_same_idempotency_key_answers_the_same_period_and_a_stale_if_match_is_412() {
        String stay = admit();
        String etag = given().get("/api/stays/" + stay).then().extract().header("ETag");
        String key = UUID.randomUUID().toString();
        String body = "{\"institution\":\"社会福利中心\",\"occurredAt\":\"2018-06-12T10:00:00+08:00\"}";
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .header("If-Match", etag)
                .body(body)
                .post("/api/stays/" + stay + "/entrusted-care")
                .then()
                .statusCode(201)
                .extract()
                .path("entrustedCareId");
        long after = eventCount();

        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .header("If-Match", etag)
                .body(body)
                .post("/api/stays/" + stay + "/entrusted-care")
                .then()
                .statusCode(201)
                .body("entrustedCareId", equalTo(first));
        assertThat(eventCount()).isEqualTo(after);
        problem(
                given().contentType(ContentType.JSON)
                        .header("If-Match", etag)
                        .body("{\"occurredAt\":\"2018-06-20T10:00:00+08:00\"}")
                        .post("/api/stays/" + stay + "/entrusted-care/" + first + "/return")
                        .then(),
                412,
                null);
        assertThat(eventCount()).isEqualTo(after);
    }

    private String admit() {
        return post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                .statusCode(201)
                .extract()
                .path("stayId");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private long eventCount() {
        return TestDatabases.eventCount(dataSource);
    }
}
