package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
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
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two partners and every search endpoint: a partner sees and writes only its own work (OWASP API1). */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class PartnerIsolationTest {
    static final Tokens TOKENS = Tokens.forTests();
    final String a = "pa-" + UUID.randomUUID().toString().substring(0, 6);
    final String b = "pb-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_partner_submits_and_reads_only_its_own_leads_and_nothing_else() {
        for (String p : List.of(a, b)) {
            given().contentType(ContentType.JSON)
                    .body("{\"partnerId\":\"" + p + "\",\"name\":\"" + p + "\",\"kind\":\"NGO\"}")
                    .post("/api/partners")
                    .then()
                    .statusCode(201);
        }
        String caseId = openCase();
        RequestSpecification partnerA = as(TOKENS.token(a + "-integration", "PARTNER", a));
        RequestSpecification partnerB = as(TOKENS.token(b + "-integration", "PARTNER", b));

        String lead =
                lead(partnerA, caseId, "PARTNER", a).statusCode(201).extract().path("leadId");
        lead(partnerA, caseId, "PARTNER", b).statusCode(403); // in another partner's name
        lead(partnerA, caseId, "STAFF_INQUIRY", null).statusCode(403); // as if it were staff
        lead(partnerB, caseId, "PARTNER", b).statusCode(201);

        // Reads and writes reserved to staff: every one refused to both partners.
        for (RequestSpecification partner : List.of(partnerA, partnerB)) {
            partner.get("/api/search-cases/" + caseId).then().statusCode(403);
            partner.get("/api/search-cases?personId=" + UUID.randomUUID())
                    .then()
                    .statusCode(403);
            partner.contentType(ContentType.JSON)
                    .body("{\"outcome\":\"CONFIRMED\"}")
                    .post("/api/search-cases/" + caseId + "/leads/" + lead + "/verification")
                    .then()
                    .statusCode(403);
            partner.contentType(ContentType.JSON)
                    .body("{\"leadId\":\"" + lead + "\"}")
                    .post("/api/search-cases/" + caseId + "/success")
                    .then()
                    .statusCode(403);
            partner.contentType(ContentType.JSON)
                    .body("{\"medium\":\"TV\"}")
                    .post("/api/search-cases/" + caseId + "/notices")
                    .then()
                    .statusCode(403);
            partner.get("/api/review-agenda").then().statusCode(403);
            partner.get("/api/staff-tally?from=2018-01-01&to=2019-01-01").then().statusCode(403);
            partner.get("/api/deadlines/overdue").then().statusCode(403);
            partner.contentType(ContentType.JSON)
                    .body("{\"partnerId\":\"pz-1\",\"name\":\"z\",\"kind\":\"NGO\"}")
                    .post("/api/partners")
                    .then()
                    .statusCode(403);
        }

        given().contentType(ContentType.JSON)
                .body("{\"outcome\":\"CONFIRMED\",\"contacted\":[\"派出所\"]}")
                .post("/api/search-cases/" + caseId + "/leads/" + lead + "/verification")
                .then()
                .statusCode(200);
        partnerA.get("/api/partner-submissions")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].leadId", equalTo(lead))
                .body("[0].verification", equalTo("CONFIRMED"))
                .body("[0].personId", Matchers.nullValue());
        partnerB.get("/api/partner-submissions")
                .then()
                .body("", hasSize(1))
                .body("[0].leadId", Matchers.not(equalTo(lead)));
        given().get("/api/partner-submissions").then().statusCode(403); // staff use the case views

        String feed = KafkaTestClient.awaitRecord(
                "homeward.partner-feed", r -> r.contains(lead) && r.contains("LEAD_VERIFIED"), Duration.ofSeconds(30));
        Assertions.assertThat(feed).contains("\"partnerId\":\"" + a + "\"").doesNotContain("personId");
    }

    @Test
    void a_police_liaison_records_police_leads_only() {
        String caseId = openCase();
        RequestSpecification police = as(TOKENS.token("POLICE_LIAISON"));
        lead(police, caseId, "STAFF_INQUIRY", null).statusCode(403);
        lead(police, caseId, "POLICE_DNA", null).statusCode(201);
    }

    private static String openCase() {
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

    private static ValidatableResponse lead(RequestSpecification who, String caseId, String channel, String partner) {
        return who.contentType(ContentType.JSON)
                .body("{\"channel\":\"" + channel + "\"" + (partner == null ? "" : ",\"partnerId\":\"" + partner + "\"")
                        + ",\"summary\":\"线索\",\"occurredAt\":\"2018-06-02T09:00:00+08:00\"}")
                .post("/api/search-cases/" + caseId + "/leads")
                .then();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
