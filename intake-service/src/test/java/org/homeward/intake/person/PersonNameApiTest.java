package org.homeward.intake.person;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names for a drill-down page: answered to the roles that may read persons, refused to the others
 * (a report viewer, an outreach worker), each person looked up audited with who and why, bad input
 * refused naming personId, nothing audited for a refused look.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class PersonNameApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void staff_see_names_and_every_look_is_audited_a_report_viewer_sees_none() {
        String station = "st-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"东莞市救助管理站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        String named = admit(station, "{\"sex\":\"MALE\",\"identified\":true,\"name\":\"王强\",\"hometown\":\"湖南邵阳\"}");
        String unnamed = admit(station, "{\"sex\":\"FEMALE\",\"identified\":false}");
        String unknown = UUID.randomUUID().toString();
        String staff = TOKENS.token("names-staff-" + station, "STATION_STAFF", null);

        List<Map<String, Object>> names = given().header("Authorization", "Bearer " + staff)
                .header("X-Purpose", "STATISTICS")
                .contentType(ContentType.JSON)
                .body(ids(named, unnamed, unknown))
                .post("/api/persons/names")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(names).extracting(n -> n.get("personId")).containsExactly(named, unnamed);
        assertThat(names.get(0)).containsEntry("name", "王强");
        assertThat(names.get(1).get("name")).isNull();
        assertThat(names.get(1)).containsEntry("identityStatus", "UNIDENTIFIED");
        for (String person : List.of(named, unnamed)) {
            List<Map<String, Object>> entries = given().get("/api/audit?target=" + person)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("findAll { it.action == 'READ_PERSON_NAME' }");
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e)
                        .containsEntry("subject", "names-staff-" + station)
                        .containsEntry("role", "STATION_STAFF")
                        .containsEntry("purpose", "STATISTICS");
                assertThat(e.get("at")).isNotNull();
            });
        }
        assertThat(given().get("/api/audit?target=" + unknown)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .isEmpty();

        for (String role : List.of("SEARCH_TEAM", "POLICE_LIAISON")) {
            given().header("Authorization", "Bearer " + TOKENS.token(role))
                    .contentType(ContentType.JSON)
                    .body(ids(named))
                    .post("/api/persons/names")
                    .then()
                    .statusCode(200)
                    .body("name", hasItem("王强"));
        }
        // roles that may not read persons: refused, and their attempt reads and audits nothing
        for (String role : List.of("REPORT_VIEWER", "OUTREACH_WORKER")) {
            given().header(
                            "Authorization",
                            "Bearer " + TOKENS.token("names-" + role.toLowerCase() + "-" + station, role, null))
                    .contentType(ContentType.JSON)
                    .body(ids(named))
                    .post("/api/persons/names")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        assertThat(given().get("/api/audit?target=" + named)
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("subject"))
                .noneMatch(s -> s.startsWith("names-report_viewer") || s.startsWith("names-outreach_worker"));
    }

    @Test
    void a_look_up_names_one_to_two_hundred_persons_by_uuid() {
        problem(post("{}"), "personIds");
        problem(post("{\"personIds\":[]}"), "personIds");
        problem(post("{\"personIds\":[\"not-a-uuid\"]}"), "personIds");
        problem(
                post(ids(IntStream.range(0, 201)
                        .mapToObj(i -> UUID.randomUUID().toString())
                        .toArray(String[]::new))),
                "personIds");
        problem(
                given().header("X-Purpose", "CURIOSITY")
                        .contentType(ContentType.JSON)
                        .body(ids(UUID.randomUUID().toString()))
                        .post("/api/persons/names")
                        .then(),
                "X-Purpose");
        post(ids(IntStream.range(0, 200)
                        .mapToObj(i -> UUID.randomUUID().toString())
                        .toArray(String[]::new)))
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/persons/names")
                .then();
    }

    private static String ids(String... ids) {
        return Arrays.stream(ids)
                .map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"personIds\":[", "]}"));
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(Matchers.startsWith(field)));
    }

    private static String admit(String station, String person) {
        return given().contentType(ContentType.JSON)
                .body("{\"person\":" + person + ",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
    }
}
