package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.outreach.streetcase.StreetCaseResource;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/street-cases/{id} is read by Hibernate Reactive entities on the event loop (ADR 43), the commands'
 * answers by SQL in their JDBC transaction: both must give the same case, field by field, with the same ETag.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_reactive_test"))
class ReactiveStreetCaseReadTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_reactive_read_gives_the_case_as_the_commands_answer_it() {
        String station = "rx-" + UUID.randomUUID().toString().substring(0, 8);
        Registries.station(dataSource, station);
        String program = post(
                        "/api/programs",
                        "{\"name\":\"医院救助点\",\"kind\":\"HOSPITAL_POST\",\"stationId\":\"" + station + "\"}")
                .statusCode(201)
                .extract()
                .path("programId");
        String patrol = post("/api/programs/" + program + "/patrols", "{\"area\":\"东城\",\"teams\":2,\"peopleMet\":5}")
                .statusCode(201)
                .extract()
                .path("patrolId");
        String caseId = post(
                        "/api/street-cases",
                        "{\"programId\":\"" + program + "\",\"location\":\"东城桥下\",\"description\":\"老人，腿伤\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
        post(
                        "/api/street-cases/" + caseId + "/contacts",
                        "{\"services\":[\"SUPPLIES\",\"COUNSELING\"],\"suppliesValue\":35.5,\"patrolId\":\"" + patrol
                                + "\",\"madeBy\":\"小李\"}")
                .statusCode(201);
        post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[\"PERSUASION\"]}")
                .statusCode(201);
        post("/api/street-cases/" + caseId + "/identification", "{\"name\":\"王某\",\"hometown\":\"河南\"}")
                .statusCode(200);
        UUID patient = Registries.resident(dataSource, station, true);
        ExtractableResponse<Response> answered = post(
                        "/api/street-cases/" + caseId + "/resident", "{\"personId\":\"" + patient + "\"}")
                .statusCode(200)
                .extract();

        ExtractableResponse<Response> read = given().get("/api/street-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("contacts", hasSize(2))
                .body("contacts[0].services", equalTo(List.of("SUPPLIES", "COUNSELING")))
                .body("contacts[0].suppliesValue", equalTo(35.5f))
                .body("residentPersonId", equalTo(patient.toString()))
                .body("name", equalTo("王某"))
                .extract();
        assertThat(read.<Map<String, Object>>path("$")).isEqualTo(answered.<Map<String, Object>>path("$"));
        assertThat(read.header("ETag")).isEqualTo(answered.header("ETag")).isNotNull();
    }

    @Test
    void an_unknown_case_is_a_problem_and_changes_nothing() {
        long before = TestDatabases.eventCount(dataSource);
        given().get("/api/street-cases/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
    }

    @Test
    void the_read_returns_a_uni_and_is_not_blocking() throws NoSuchMethodException {
        Method get = StreetCaseResource.class.getMethod("get", UUID.class);
        assertThat(get.getReturnType()).isEqualTo(Uni.class);
        assertThat(get.isAnnotationPresent(Blocking.class)).isFalse();
        assertThat(StreetCaseResource.class.isAnnotationPresent(Blocking.class)).isFalse();
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }
}
