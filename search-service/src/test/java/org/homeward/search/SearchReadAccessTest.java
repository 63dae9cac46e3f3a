package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who reads what in search-service: tokens without a known role, the partner registry, contact details, audit. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class SearchReadAccessTest {
    static final Tokens TOKENS = Tokens.forTests();

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_token_without_a_known_role_reads_nothing() {
        String partner = partner();
        List<String> reads = List.of(
                "/api/partners",
                "/api/partners/" + partner,
                "/api/partner-submissions",
                "/api/search-cases?personId=" + UUID.randomUUID(),
                "/api/search-cases/" + UUID.randomUUID(),
                "/api/review-agenda",
                "/api/staff-tally?from=2018-01-01&to=2019-01-01",
                "/api/deadlines/overdue",
                "/api/deadlines/compliance?from=2018-01-01&to=2019-01-01",
                "/api/audit");
        for (Map.Entry<String, String> token : TOKENS.withoutAKnownRole().entrySet()) {
            for (String path : reads) {
                Response response = given().header("Authorization", "Bearer " + token.getValue())
                        .get(path);
                assertThat(response.statusCode())
                        .as(path + " with " + token.getKey())
                        .isEqualTo(403);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void the_partner_registry_is_read_by_those_who_work_with_partners_and_a_partner_sees_only_itself() {
        String mine = partner();
        String other = partner();
        for (String role : List.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "OUTREACH_WORKER", "ADMIN")) {
            as(role).get("/api/partners").then().statusCode(200).body("partnerId", hasItem(other));
            as(role).get("/api/partners/" + other).then().statusCode(200);
        }
        as("REPORT_VIEWER").get("/api/partners").then().statusCode(403);
        as("REPORT_VIEWER").get("/api/partners/" + other).then().statusCode(403);

        String partnerToken = "Bearer " + TOKENS.token(mine + "-integration", "PARTNER", mine);
        given().header("Authorization", partnerToken)
                .get("/api/partners")
                .then()
                .statusCode(200)
                .body("partnerId", equalTo(List.of(mine)));
        given().header("Authorization", partnerToken)
                .get("/api/partners/" + mine)
                .then()
                .statusCode(200);
        given().header("Authorization", partnerToken)
                .get("/api/partners/" + other)
                .then()
                .statusCode(404);
    }

    @Test
    void police_liaison_reads_a_case_without_contact_details_and_every_case_read_is_audited() {
        UUID person = UUID.randomUUID();
        String caseId = openCase(person);
        given().contentType(ContentType.JSON)
                .body("{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"记得村名\",\"reportedBy\":\"陈社工 13800000000\"}")
                .post("/api/search-cases/" + caseId + "/leads")
                .then()
                .statusCode(201);

        given().header("Authorization", "Bearer " + TOKENS.token("officer-he", "POLICE_LIAISON", null))
                .header("X-Purpose", "IDENTIFICATION")
                .get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("leads[0].summary", equalTo("记得村名"))
                .body("leads[0]", not(hasKey("reportedBy")))
                .body("leads[0]", not(hasKey("contacted")));
        given().header("Authorization", "Bearer " + TOKENS.token("searcher-wu", "SEARCH_TEAM", null))
                .header("X-Purpose", "FAMILY_SEARCH")
                .get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("leads[0].reportedBy", equalTo("陈社工 13800000000"));
        given().header("Authorization", "Bearer " + TOKENS.token("searcher-wu", "SEARCH_TEAM", null))
                .get("/api/search-cases?personId=" + person)
                .then()
                .statusCode(200);

        given().queryParam("target", caseId)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("find { it.subject == 'officer-he' }.action", equalTo("READ_SEARCH_CASE"))
                .body("find { it.subject == 'officer-he' }.purpose", equalTo("IDENTIFICATION"))
                .body("find { it.subject == 'searcher-wu' }.purpose", equalTo("FAMILY_SEARCH"));
        given().queryParam("target", person.toString())
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("find { it.subject == 'searcher-wu' }.action", equalTo("READ_SEARCH_CASES"));
        given().header("X-Purpose", "GOSSIP")
                .get("/api/search-cases/" + caseId)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("X-Purpose"));
    }

    private static String partner() {
        String id = "pr-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + id + "\",\"name\":\"" + id + "\",\"kind\":\"NGO\"}")
                .post("/api/partners")
                .then()
                .statusCode(201);
        return id;
    }

    private static String openCase(UUID person) {
        UUID stay = UUID.randomUUID();
        PersonAdmitted admitted = new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(admitted),
                1,
                "stay",
                stay.toString(),
                1,
                OffsetDateTime.parse("2018-06-01T09:00:00+08:00"),
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
                            return ids.isEmpty() ? null : ids.get(0);
                        },
                        Objects::nonNull);
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TOKENS.token(role));
    }
}
