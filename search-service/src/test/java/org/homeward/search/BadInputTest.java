package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input against search-service: refused as problem+json naming the field, nothing stored; and
 * lists of text read back exactly as they were recorded.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class BadInputTest {
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_contacted_list_of_a_verification_reads_back_as_recorded_also_after_a_rebuild() {
        String caseId = admittedCase();
        String omitted = lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"记得村名\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        String empty = lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"口音\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        String multiline = lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"乡镇\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        verify(caseId, omitted, "{\"outcome\":\"REJECTED\"}").statusCode(200);
        verify(caseId, empty, "{\"outcome\":\"REJECTED\",\"contacted\":[]}").statusCode(200);
        verify(caseId, multiline, "{\"outcome\":\"CONFIRMED\",\"contacted\":[\"镇政府\",\"派出所\\n（值班室）\",\" 村委会 \"]}")
                .statusCode(200);

        for (int pass = 0; pass < 2; pass++) {
            given().get("/api/search-cases/" + caseId)
                    .then()
                    .statusCode(200)
                    .body("leads.find { it.leadId == '" + omitted + "' }.contacted", empty())
                    .body("leads.find { it.leadId == '" + empty + "' }.contacted", empty())
                    .body(
                            "leads.find { it.leadId == '" + multiline + "' }.contacted",
                            contains("镇政府", "派出所\n（值班室）", " 村委会 "));
            given().post("/api/admin/read-models/rebuild")
                    .then()
                    .statusCode(200); // the second pass reads the rebuilt view
        }
    }

    @Test
    void unstorable_text_and_wrong_json_types_are_refused_naming_the_field() {
        String caseId = admittedCase();
        String leadId = lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"x\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        long before = events();
        problem(lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"a\\u0000b\"}"), 400, "summary");
        problem(lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"\\ud800\"}"), 400, "summary");
        problem(lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":123}"), 400, "summary");
        problem(lead(caseId, "{\"channel\":3,\"summary\":\"x\"}"), 400, "channel");
        problem(
                lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"x\",\"occurredAt\":1527814800}"),
                400,
                "occurredAt");
        problem(
                verify(caseId, leadId, "{\"outcome\":\"CONFIRMED\",\"contacted\":[\"镇政府\",\"派出所\\udc00\"]}"),
                400,
                "contacted[1]");
        problem(verify(caseId, leadId, "{\"outcome\":\"CONFIRMED\",\"contacted\":[\"镇政府\",7]}"), 400, "contacted[1]");
        problem(verify(caseId, leadId, "{\"outcome\":\"CONFIRMED\",\"contacted\":\"镇政府\"}"), 400, "contacted");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"partnerId\":\"p-nul\",\"name\":\"x\\u0000\",\"kind\":\"NGO\"}")
                        .post("/api/partners")
                        .then(),
                400,
                "name");
        Assertions.assertThat(events()).isEqualTo(before);
        given().get("/api/search-cases/" + caseId)
                .then()
                .body("leads", Matchers.hasSize(1))
                .body("leads[0].verification", equalTo(null));
    }

    @Test
    void malformed_ids_missing_tokens_and_wrong_content_types_are_problem_json_naming_what_is_wrong() {
        problem(
                given().queryParam("personId", "not-a-uuid")
                        .get("/api/search-cases")
                        .then(),
                400,
                "personId");
        problem(
                given().queryParam("personId", UUID.randomUUID())
                        .queryParam("open", "maybe")
                        .get("/api/search-cases")
                        .then(),
                400,
                "open");
        problem(given().get("/api/search-cases/42").then(), 400, "caseId");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"outcome\":\"CONFIRMED\"}")
                        .post("/api/search-cases/" + UUID.randomUUID() + "/leads/nope/verification")
                        .then(),
                400,
                "leadId");
        problem(
                        RestAssured.given()
                                .noFilters()
                                .get("/api/search-cases?personId=" + UUID.randomUUID())
                                .then(),
                        401,
                        "Authorization")
                .header("WWW-Authenticate", startsWith("Bearer"));
        problem(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .post("/api/partners")
                        .then(),
                415,
                "Content-Type");
    }

    private String admittedCase() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        PersonAdmitted admitted = new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(admitted),
                1,
                "stay",
                stay.toString(),
                1,
                OffsetDateTime.parse(JUNE_1),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                admitted);
        KafkaTestClient.send(Topics.INTAKE, stay.toString(), new EventCodec().envelopeJson(envelope));
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<String> ids = given().queryParam("personId", person)
                                    .get("/api/search-cases")
                                    .then()
                                    .extract()
                                    .path("caseId");
                            return ids == null || ids.isEmpty() ? null : ids.get(0);
                        },
                        Objects::nonNull);
    }

    private static ValidatableResponse lead(String caseId, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/search-cases/" + caseId + "/leads")
                .then();
    }

    private static ValidatableResponse verify(String caseId, String leadId, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/search-cases/" + caseId + "/leads/" + leadId + "/verification")
                .then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    private long events() {
        return TestDatabases.eventCount(dataSource);
    }
}
