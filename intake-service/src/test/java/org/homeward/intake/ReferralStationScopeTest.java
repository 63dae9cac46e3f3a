package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expected arrivals per station, a page at a time; a station's user sees only its own (ADR 13). */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class ReferralStationScopeTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void referrals_are_listed_per_station_in_pages_and_another_stations_are_forbidden() {
        String a = "ref-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "ref-b-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> toA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            toA.add(refer(a, "2018-06-0" + (i + 1) + "T09:00:00+08:00").toString());
        }
        String toB = refer(b, "2018-06-02T10:00:00+08:00").toString();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("stationId", a)
                        .get("/api/referrals")
                        .then()
                        .header("X-Total-Count", "3"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("stationId", b)
                        .get("/api/referrals")
                        .then()
                        .header("X-Total-Count", "1")
                        .body("referralId", equalTo(List.of(toB))));

        given().queryParam("stationId", a)
                .get("/api/referrals")
                .then()
                .body("referralId", equalTo(toA)); // earliest first
        Set<String> paged = new HashSet<>();
        for (int offset : new int[] {0, 2}) {
            List<String> page = given().queryParam("stationId", a)
                    .queryParam("pending", true)
                    .queryParam("limit", 2)
                    .queryParam("offset", offset)
                    .get("/api/referrals")
                    .then()
                    .statusCode(200)
                    .header("X-Total-Count", "3")
                    .extract()
                    .path("referralId");
            assertThat(page).hasSize(offset == 0 ? 2 : 1);
            paged.addAll(page);
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(toA);

        String staffOfA = "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", a);
        given().header("Authorization", staffOfA)
                .get("/api/referrals")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body("stationId", everyItem(equalTo(a)));
        given().header("Authorization", staffOfA)
                .queryParam("stationId", b)
                .get("/api/referrals")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("stationId"));
        given().header("Authorization", staffOfA)
                .queryParam("stationId", b)
                .get("/api/stays")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        // the city level (a token with no station) sees every station's
        given().header("Authorization", "Bearer " + Tokens.forTests().token("STATION_STAFF"))
                .get("/api/referrals")
                .then()
                .statusCode(200)
                .body("referralId", hasItem(toB));
    }

    @Test
    void bad_paging_is_refused_as_a_problem_naming_the_parameter() {
        for (String query : List.of("limit=0", "limit=1001", "offset=-1", "limit=x")) {
            given().get("/api/referrals?" + query)
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem(query.substring(0, query.indexOf('='))));
        }
        given().get("/api/referrals?limit=1000").then().statusCode(200);
        given().queryParam("stationId", "nowhere-" + UUID.randomUUID())
                .get("/api/referrals")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "0")
                .body("", hasSize(0));
    }

    private static UUID refer(String station, String at) {
        UUID referral = UUID.randomUUID();
        OutcomeRecorded outcome = new OutcomeRecorded(
                UUID.randomUUID(), UUID.randomUUID(), StreetOutcome.ADMITTED_TO_STATION, referral, station, "街面老人");
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(outcome),
                1,
                "street-case",
                outcome.caseId().toString(),
                1,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                outcome);
        KafkaTestClient.send(Topics.OUTREACH, envelope.streamId(), new EventCodec().envelopeJson(envelope));
        return referral;
    }
}
