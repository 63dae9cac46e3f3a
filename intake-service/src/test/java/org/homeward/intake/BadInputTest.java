package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile or careless client sends: text PostgreSQL cannot store, JSON of the wrong type, and
 * the errors the HTTP layer answers itself. Each is a 4xx problem+json naming what is wrong, and
 * nothing is stored. The mechanisms live in service-platform and are wired the same in every service.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class BadInputTest {
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    /** HTTP/1.1: a body of unknown length goes chunked. */
    static final HttpClient CHUNKING_CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/admissions")
    URL admissions;

    String station;

    @BeforeEach
    void station() {
        station = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/stations", "{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .statusCode(201);
    }

    @Test
    void text_with_a_nul_or_an_unpaired_surrogate_is_refused_naming_the_field() {
        long before = events();
        int stations = stationCount();
        problem(post("/api/stations", "{\"stationId\":\"st-nul\",\"name\":\"东莞\\u0000站\"}"), 400, "name")
                .body("errors[0].message", startsWith("must not contain"));
        problem(post("/api/stations", "{\"stationId\":\"st-surrogate\",\"name\":\"东莞\\ud800站\"}"), 400, "name");
        problem(post("/api/stations", "{\"stationId\":\"st-low\",\"name\":\"\\udc00\"}"), 400, "name");
        problem(
                admit("{\"sex\":\"MALE\",\"identified\":false,\"description\":\"湘西\\u0000口音\"}", JUNE_1),
                400,
                "person.description");
        problem(
                admit("{\"sex\":\"MALE\",\"identified\":false,\"hometown\":\"a\\ud83d\"}", JUNE_1),
                400,
                "person.hometown");
        String person = admit("{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .statusCode(201)
                .extract()
                .path("personId");
        long afterAdmission = events();
        problem(
                post("/api/persons/" + person + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"阿\\u0000强\"}"),
                400,
                "value");
        problem(given().queryParam("stationId", "dg\u0000").get("/api/stays").then(), 400, "stationId");
        problem(given().urlEncodingEnabled(false).get("/api/stations/dg%00x").then(), 400, "stationId");
        assertThat(events()).isEqualTo(afterAdmission).isEqualTo(before + 2);
        assertThat(stationCount()).isEqualTo(stations);
        // a pair of surrogates is one character (😀) and is stored as it came
        post("/api/persons/" + person + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"阿强\\ud83d\\ude00\"}")
                .statusCode(201);
        given().get("/api/persons/" + person).then().body("fragments.value", hasItem("阿强\uD83D\uDE00"));
    }

    @Test
    void json_of_the_wrong_type_is_refused_not_coerced() {
        long before = events();
        int stations = stationCount();
        problem(post("/api/stations", "{\"stationId\":\"st-number\",\"name\":123}"), 400, "name");
        problem(post("/api/stations", "{\"stationId\":\"st-bool\",\"name\":true}"), 400, "name");
        problem(
                post(
                        "/api/stations",
                        "{\"stationId\":\"st-pop\",\"name\":\"站\",\"nonRegisteredPopulation\":\"6250000\"}"),
                400,
                "nonRegisteredPopulation");
        problem(
                post("/api/stations", "{\"stationId\":\"st-pop2\",\"name\":\"站\",\"nonRegisteredPopulation\":62.5}"),
                400,
                "nonRegisteredPopulation");
        problem(
                post("/api/stations", "{\"stationId\":\"st-area\",\"name\":\"站\",\"areaKm2\":\"2460\"}"),
                400,
                "areaKm2");
        problem(admit("{\"sex\":5,\"identified\":false}", JUNE_1), 400, "person.sex");
        problem(admit("{\"sex\":\"0\",\"identified\":false}", JUNE_1), 400, "person.sex");
        problem(admit("{\"sex\":\"MALE\",\"identified\":false,\"name\":true}", JUNE_1), 400, "person.name");
        problem(
                admit("{\"sex\":\"MALE\",\"identified\":false,\"estimatedAge\":\"2\"}", JUNE_1),
                400,
                "person.estimatedAge");
        problem(
                admit("{\"sex\":\"MALE\",\"identified\":false,\"estimatedAge\":2.7}", JUNE_1),
                400,
                "person.estimatedAge");
        problem(admit("{\"sex\":\"MALE\",\"identified\":\"false\"}", JUNE_1), 400, "person.identified");
        problem(admit("{\"sex\":\"MALE\",\"identified\":0}", JUNE_1), 400, "person.identified");
        problem(
                post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":1527814800}"),
                400,
                "occurredAt");
        problem(
                post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":1527814800.5}"),
                400,
                "occurredAt");
        problem(
                post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":2}"),
                400,
                "arrivalChannel");
        problem(
                post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":42,\"arrivalChannel\":\"POLICE\"}"),
                400,
                "stationId");
        assertThat(events()).isEqualTo(before);
        assertThat(stationCount()).isEqualTo(stations);

        // the right types still go through, and numbers still read as numbers
        post(
                        "/api/stations",
                        "{\"stationId\":\"" + station
                                + "-ok\",\"name\":\"站\",\"nonRegisteredPopulation\":6250000,\"areaKm2\":2460}")
                .statusCode(201)
                .body("nonRegisteredPopulation", equalTo(6250000));
        admit("{\"sex\":\"MALE\",\"identified\":false,\"estimatedAge\":55}", JUNE_1)
                .statusCode(201);
    }

    @Test
    void a_missing_or_rejected_token_is_problem_json_with_a_bearer_challenge() {
        for (ValidatableResponse response : new ValidatableResponse[] {
            RestAssured.given().noFilters().get("/api/stations").then(),
            RestAssured.given()
                    .noFilters()
                    .header("Authorization", "Bearer not-a-jwt")
                    .get("/api/stations")
                    .then(),
            RestAssured.given()
                    .noFilters()
                    .contentType(ContentType.JSON)
                    .body("{\"stationId\":\"st-anon\",\"name\":\"站\"}")
                    .post("/api/stations")
                    .then()
        }) {
            problem(response, 401, "Authorization").header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_with_problem_json() throws Exception {
        long before = events();
        byte[] body = ("{\"person\":{\"sex\":\"MALE\",\"identified\":false,\"description\":\"" + "x".repeat(70_000)
                        + "\"},\"stationId\":\"" + station + "\",\"arrivalChannel\":\"SELF\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = CHUNKING_CLIENT.send(
                HttpRequest.newBuilder(admissions.toURI())
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Tokens.forTests().token("ADMIN"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body))) // no length: chunked
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JsonPath.from(response.body()).getList("errors.field", String.class))
                .contains("body");
        assertThat(events()).isEqualTo(before);

        // a small chunked body is read as usual
        byte[] small = ("{\"stationId\":\"" + station + "-chunked\",\"name\":\"站\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = CHUNKING_CLIENT.send(
                HttpRequest.newBuilder(URI.create(admissions.toString().replace("/api/admissions", "/api/stations")))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Tokens.forTests().token("ADMIN"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
    }

    @Test
    void a_malformed_id_or_number_in_the_path_or_query_is_a_400_naming_the_parameter() {
        problem(given().get("/api/stays/not-a-uuid").then(), 400, "stayId");
        problem(given().get("/api/persons/123/history").then(), 400, "personId");
        problem(post("/api/stays/not-a-uuid/discharge", "{\"exitType\":\"FAMILY_PICKUP\"}"), 400, "stayId");
        problem(given().queryParam("limit", "ten").get("/api/stays").then(), 400, "limit");
        problem(given().queryParam("limit", "2.5").get("/api/stays").then(), 400, "limit");
        given().get("/api/stays/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void wrong_content_type_method_or_accept_name_what_is_wrong() {
        int stations = stationCount();
        problem(
                given().contentType(ContentType.TEXT)
                        .body("{\"stationId\":\"st-text\",\"name\":\"站\"}")
                        .post("/api/stations")
                        .then(),
                415,
                "Content-Type");
        problem(
                given().contentType(ContentType.XML)
                        .body("<station/>")
                        .post("/api/stations")
                        .then(),
                415,
                "Content-Type");
        problem(given().delete("/api/stations").then(), 405, "method").header("Allow", not(equalTo(null)));
        problem(given().accept("application/xml").get("/api/stations").then(), 406, "Accept");
        assertThat(stationCount()).isEqualTo(stations);
    }

    private ValidatableResponse admit(String person, String at) {
        return post(
                "/api/admissions",
                "{\"person\":" + person + ",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + at + "\"}");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    private int stationCount() {
        return given().get("/api/stations").then().statusCode(200).extract().path("size()");
    }

    private long events() {
        return TestDatabases.eventCount(dataSource);
    }
}
