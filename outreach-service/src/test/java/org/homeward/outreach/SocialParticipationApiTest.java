package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.events.Topics;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agreements, capacity, the ledger of support to partners and publicity: recorded when valid, refused with nothing stored when not. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class SocialParticipationApiTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_partners_agreement_capacity_and_support_are_recorded_and_read_back() {
        String station = "sp-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = "sq-" + UUID.randomUUID().toString().substring(0, 8);
        Registries.station(dataSource, station);
        Registries.partner(dataSource, partner);
        String agreement = "{\"stationId\":\"" + station + "\",\"parties\":[\"东莞市救助管理站\",\"让爱回家\"],"
                + "\"validFrom\":\"2018-03-01\",\"validUntil\":\"2019-03-01\",\"cluesShared\":[\"街面流浪人员活动线索\"],"
                + "\"patientInformationShared\":[\"医院收治流浪病人情况\"],\"consent\":\"受助人员或其监护人同意\","
                + "\"occurredAt\":\"2018-03-01T10:00:00+08:00\"}";
        String agreementId = post(null, "/api/partners/" + partner + "/agreements", agreement)
                .statusCode(201)
                .extract()
                .path("agreementId");
        post(null, "/api/partners/" + partner + "/agreements", agreement)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        String partnerToken = Tokens.forTests().token(partner + "-integration", "PARTNER", partner);
        post(
                        partnerToken,
                        "/api/partners/" + partner + "/capacity",
                        "{\"asOf\":\"2018-12-31\",\"teams\":32,\"workrooms\":12,\"volunteers\":500}")
                .statusCode(201);
        given().header("Idempotency-Key", "support-" + partner)
                .contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"giver\":\"东城街道\",\"kind\":\"SUPPLIES\",\"amount\":60000.5,"
                        + "\"currency\":\"CNY\",\"occurredAt\":\"2018-06-01T10:00:00+08:00\"}")
                .post("/api/partners/" + partner + "/support")
                .then()
                .statusCode(201)
                .header("Location", Matchers.endsWith("/api/partners/" + partner + "/work"));
        long afterSupport = events();
        given().header("Idempotency-Key", "support-" + partner)
                .contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"giver\":\"东城街道\",\"kind\":\"SUPPLIES\",\"amount\":60000.5,"
                        + "\"currency\":\"CNY\",\"occurredAt\":\"2018-06-01T10:00:00+08:00\"}")
                .post("/api/partners/" + partner + "/support")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true") // the first answer again, with its Location
                .header("Location", Matchers.endsWith("/api/partners/" + partner + "/work"));
        assertThat(events()).isEqualTo(afterSupport); // the same key answers again, stores nothing more
        String activity = post(
                        null,
                        "/api/publicity-activities",
                        "{\"stationId\":\"" + station + "\",\"partnerId\":\"" + partner
                                + "\",\"kind\":\"PUBLIC_CLASS\",\"title\":\"流浪乞讨人员救助公益课\",\"participants\":40}")
                .statusCode(201)
                .extract()
                .header("Location");
        given().get(activity)
                .then()
                .statusCode(200)
                .body("eventType", equalTo("outreach.PublicityActivityHeld"))
                .body("details.participants", equalTo(40));

        given().get("/api/partners/" + partner + "/work")
                .then()
                .statusCode(200)
                .body(
                        "eventType",
                        contains("outreach.AgreementSigned", "outreach.CapacityReported", "outreach.SupportGiven"))
                .body("[0].details.agreementId", equalTo(agreementId))
                .body("[2].details.amountFen", equalTo(6000050)); // SupportGiven v2: whole fen
        KafkaTestClient.awaitRecord(
                Topics.OUTREACH,
                r -> r.contains("PublicityActivityHeld") && r.contains(station),
                Duration.ofSeconds(30));
        given().header(
                        "Authorization",
                        "Bearer " + Tokens.forTests().token("other-integration", "PARTNER", "other-partner"))
                .get("/api/partners/" + partner + "/work")
                .then()
                .statusCode(403);
    }

    @Test
    void bad_input_is_a_problem_naming_the_field_and_nothing_is_stored() {
        String station = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = "sc-" + UUID.randomUUID().toString().substring(0, 8);
        Registries.station(dataSource, station);
        String support = "{\"stationId\":\"" + station + "\",\"giver\":\"镇\",\"kind\":\"FUNDS\",\"amount\":100}";
        long before = events();
        post(null, "/api/partners/" + partner + "/support", support)
                .statusCode(422)
                .body("errors.field", hasItem("partnerId"));
        Registries.partner(dataSource, partner);
        before = events();
        Map<String, String> bad = Map.of(
                "/support|amount",
                        "{\"stationId\":\"" + station + "\",\"giver\":\"镇\",\"kind\":\"FUNDS\",\"amount\":-1}",
                "/support|currency",
                        "{\"stationId\":\"" + station
                                + "\",\"giver\":\"镇\",\"kind\":\"FUNDS\",\"amount\":1,\"currency\":\"USD\"}",
                "/support|kind", "{\"stationId\":\"" + station + "\",\"giver\":\"镇\",\"kind\":\"GOLD\",\"amount\":1}",
                "/agreements|validUntil",
                        "{\"stationId\":\"" + station + "\",\"parties\":[\"站\"],\"validFrom\":\"2018-03-01\","
                                + "\"validUntil\":\"2018-02-01\",\"cluesShared\":[\"线索\"]}",
                "/agreements|consent",
                        "{\"stationId\":\"" + station + "\",\"parties\":[\"站\"],\"validFrom\":\"2018-03-01\","
                                + "\"patientInformationShared\":[\"病情\"]}",
                "/agreements|validFrom",
                        "{\"stationId\":\"" + station + "\",\"parties\":[\"站\"],\"validFrom\":\"2018-02-30\","
                                + "\"cluesShared\":[\"线索\"]}",
                "/capacity|volunteers", "{\"asOf\":\"2018-12-31\",\"teams\":1,\"workrooms\":1,\"volunteers\":-5}");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            String[] pathField = b.getKey().split("\\|");
            post(null, "/api/partners/" + partner + pathField[0], b.getValue())
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem(pathField[1]));
        }
        post(
                        null,
                        "/api/partners/" + partner + "/agreements",
                        "{\"stationId\":\"nowhere-1\",\"parties\":[\"站\"],"
                                + "\"validFrom\":\"2018-03-01\",\"cluesShared\":[\"线索\"]}")
                .statusCode(422)
                .body("errors.field", hasItem("stationId"));
        post(
                        null,
                        "/api/publicity-activities",
                        "{\"stationId\":\"" + station + "\",\"kind\":\"OPEN_DAY\",\"title\":\"开放日\","
                                + "\"participants\":-1}")
                .statusCode(400)
                .body("errors.field", hasItem("participants"));
        post(
                        null,
                        "/api/publicity-activities",
                        "{\"stationId\":\"" + station + "\",\"partnerId\":\"never-registered\","
                                + "\"kind\":\"OPEN_DAY\",\"title\":\"开放日\"}")
                .statusCode(422)
                .body("errors.field", hasItem("partnerId"));
        assertThat(events()).isEqualTo(before);
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .contentType(ContentType.JSON)
                .body(support)
                .post("/api/partners/" + partner + "/support")
                .then()
                .statusCode(403);
    }

    private static ValidatableResponse post(String token, String path, String body) {
        var request = token == null ? given() : given().header("Authorization", "Bearer " + token);
        return request.contentType(ContentType.JSON).body(body).post(path).then();
    }

    private long events() {
        return TestDatabases.eventCount(dataSource);
    }
}
