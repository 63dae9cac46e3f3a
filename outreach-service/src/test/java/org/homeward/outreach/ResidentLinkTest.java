package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hospital post's patient linked to the station's own hospitalised resident: one person, not two; checked against intake's topic. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class ResidentLinkTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_patient_is_linked_only_to_a_resident_in_hospital_at_the_programmes_station() {
        String station = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        Registries.station(dataSource, station);
        Registries.station(dataSource, other);
        String program = post(
                        "/api/programs",
                        "{\"name\":\"医院救助点\",\"kind\":\"HOSPITAL_POST\",\"stationId\":\"" + station + "\"}")
                .statusCode(201)
                .extract()
                .path("programId");
        String streetCase = post(
                        "/api/street-cases",
                        "{\"programId\":\"" + program + "\",\"location\":\"市第三人民医院\","
                                + "\"occurredAt\":\"2018-06-01T09:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
        UUID notInHospital = Registries.resident(dataSource, station, false);
        UUID elsewhere = Registries.resident(dataSource, other, true);
        UUID patient = Registries.resident(dataSource, station, true);

        long before = TestDatabases.eventCount(dataSource);
        problem(link(streetCase, UUID.randomUUID()), 422);
        problem(link(streetCase, notInHospital), 422);
        problem(link(streetCase, elsewhere), 422);
        problem(post("/api/street-cases/" + streetCase + "/resident", "{}"), 400);
        post("/api/street-cases/" + UUID.randomUUID() + "/resident", "{\"personId\":\"" + patient + "\"}")
                .statusCode(404);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);

        link(streetCase, patient).statusCode(200).body("residentPersonId", equalTo(patient.toString()));
        long linked = TestDatabases.eventCount(dataSource);
        assertThat(linked).isEqualTo(before + 1);
        link(streetCase, patient).statusCode(200); // the same person again: nothing new
        UUID second = Registries.resident(dataSource, station, true);
        ValidatableResponse conflict = link(streetCase, second);
        conflict.statusCode(409).body("errors.field", hasItem("personId"));
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(linked);
    }

    @Test
    void a_case_follows_its_residents_survivor_while_intake_has_the_record_merged_and_comes_back_when_unmerged() {
        String station = "rm-" + UUID.randomUUID().toString().substring(0, 8);
        Registries.station(dataSource, station);
        String program = post(
                        "/api/programs",
                        "{\"name\":\"医院救助点\",\"kind\":\"HOSPITAL_POST\",\"stationId\":\"" + station + "\"}")
                .statusCode(201)
                .extract()
                .path("programId");
        String linkedCase = openCase(program);
        String laterCase = openCase(program);
        UUID patient = Registries.resident(dataSource, station, true);
        UUID survivor = Registries.resident(dataSource, station, false);
        link(linkedCase, patient).statusCode(200);
        assertThat(casesOf(survivor)).isEmpty();

        UUID mergeId = UUID.randomUUID();
        Registries.merge(dataSource, mergeId, survivor, patient);
        given().get("/api/street-cases/" + linkedCase)
                .then()
                .statusCode(200)
                .body("residentPersonId", equalTo(survivor.toString()))
                .body("linkedPersonId", equalTo(patient.toString()));
        assertThat(casesOf(survivor)).containsExactly(linkedCase);
        assertThat(casesOf(patient))
                .as("a merged-away record's id reads as the survivor")
                .containsExactly(linkedCase);
        assertThat(given().queryParam("personId", survivor)
                        .queryParam("programId", program)
                        .get("/api/street-cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("caseId"))
                .containsExactly(linkedCase);

        long before = TestDatabases.eventCount(dataSource);
        link(laterCase, patient)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("personId"))
                .body("detail", Matchers.containsString(survivor.toString()));
        link(linkedCase, survivor).statusCode(200); // the same person: nothing new
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
        // the survivor is in hospital through the merged record's stay
        link(laterCase, survivor).statusCode(200).body("residentPersonId", equalTo(survivor.toString()));
        assertThat(casesOf(survivor)).containsExactlyInAnyOrder(linkedCase, laterCase);

        Registries.unmerge(dataSource, mergeId, survivor, patient);
        given().get("/api/street-cases/" + linkedCase)
                .then()
                .body("residentPersonId", equalTo(patient.toString()))
                .body("linkedPersonId", equalTo(patient.toString()));
        assertThat(casesOf(patient)).containsExactly(linkedCase);
        assertThat(casesOf(survivor)).containsExactly(laterCase);
        given().get("/api/street-cases")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("programId"));
    }

    private static String openCase(String program) {
        return post(
                        "/api/street-cases",
                        "{\"programId\":\"" + program + "\",\"location\":\"市第三人民医院\","
                                + "\"occurredAt\":\"2018-06-01T09:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
    }

    private static List<String> casesOf(UUID person) {
        return given().queryParam("personId", person)
                .get("/api/street-cases")
                .then()
                .statusCode(200)
                .extract()
                .path("caseId");
    }

    private static ValidatableResponse link(String streetCase, UUID person) {
        return post(
                "/api/street-cases/" + streetCase + "/resident",
                "{\"personId\":\"" + person + "\",\"occurredAt\":\"2018-06-05T09:00:00+08:00\"}");
    }

    private static void problem(ValidatableResponse response, int status) {
        response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("personId"));
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }
}
