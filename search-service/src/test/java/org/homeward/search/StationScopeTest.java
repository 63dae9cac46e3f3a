package org.homeward.search;

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
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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

/** The agenda, tally and deadlines per station, a page at a time; a station's user sees only its own (ADR 13). */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class StationScopeTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void each_station_sees_its_own_cases_a_page_at_a_time_and_not_another_stations() {
        String a = "station-a-" + UUID.randomUUID();
        String b = "station-b-" + UUID.randomUUID();
        List<String> atA = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            atA.add(admittedCase("2017-05-0" + day + "T09:00:00+08:00", a));
        }
        String atB = admittedCase("2017-05-02T10:00:00+08:00", b);

        // city level (ADMIN) asks per station
        ExtractableResponse<Response> all = given().queryParam("asOf", "2017-06-01")
                .queryParam("stationId", a)
                .get("/api/review-agenda")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .extract();
        assertThat(all.<List<String>>path("caseId")).containsExactlyElementsOf(atA); // oldest without progress first
        given().queryParam("asOf", "2017-06-01")
                .queryParam("stationId", b)
                .get("/api/review-agenda")
                .then()
                .header("X-Total-Count", "1")
                .body("caseId", equalTo(List.of(atB)));

        // pages: two, then the rest, nothing twice, the same total
        Set<String> paged = new HashSet<>();
        for (int offset : new int[] {0, 2}) {
            List<String> page = given().queryParam("asOf", "2017-06-01")
                    .queryParam("stationId", a)
                    .queryParam("limit", 2)
                    .queryParam("offset", offset)
                    .get("/api/review-agenda")
                    .then()
                    .statusCode(200)
                    .header("X-Total-Count", "3")
                    .extract()
                    .path("caseId");
            assertThat(page).hasSize(offset == 0 ? 2 : 1);
            paged.addAll(page);
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(atA);
        given().queryParam("asOf", "2017-06-01")
                .queryParam("stationId", a)
                .queryParam("offset", 10)
                .get("/api/review-agenda")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body("", hasSize(0));

        // deadlines: each case of A is overdue on all three deadlines a month later; B's are not in A's list
        given().queryParam("asOf", "2017-06-01")
                .queryParam("stationId", a)
                .get("/api/deadlines/overdue")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "9")
                .body("caseId", everyItem(Matchers.in(atA)));
        given().queryParam("asOf", "2017-06-01")
                .queryParam("stationId", a)
                .queryParam("limit", 4)
                .get("/api/deadlines/overdue")
                .then()
                .header("X-Total-Count", "9")
                .body("", hasSize(4));
        given().queryParam("from", "2017-05-01")
                .queryParam("to", "2017-06-01")
                .queryParam("stationId", b)
                .get("/api/deadlines/compliance")
                .then()
                .statusCode(200)
                .body("admissions", equalTo(1));

        // a user bound to station A: their own station without asking, another station is 403
        RequestSpecification staffOfA =
                given().header("Authorization", "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", a));
        staffOfA.queryParam("asOf", "2017-06-01")
                .get("/api/review-agenda")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body("caseId", everyItem(Matchers.in(atA)));
        String teamOfA = "Bearer " + Tokens.forTests().tokenAtStation("SEARCH_TEAM", a);
        given().header("Authorization", teamOfA)
                .queryParam("from", "2017-05-01")
                .queryParam("to", "2017-06-01")
                .get("/api/deadlines/compliance")
                .then()
                .statusCode(200)
                .body("admissions", equalTo(3));
        for (String path : List.of(
                "/api/review-agenda?stationId=" + b,
                "/api/deadlines/overdue?stationId=" + b,
                "/api/deadlines/compliance?from=2017-05-01&to=2017-06-01&stationId=" + b,
                "/api/staff-tally?from=2017-05-01&to=2017-06-01&stationId=" + b)) {
            given().header("Authorization", teamOfA)
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem("stationId"));
        }
    }

    @Test
    void the_staff_tally_counts_a_stations_own_successes() {
        String a = "tally-a-" + UUID.randomUUID();
        String b = "tally-b-" + UUID.randomUUID();
        String caseAtA = admittedCase("2017-07-01T09:00:00+08:00", a);
        admittedCase("2017-07-01T09:00:00+08:00", b);
        String lead = given().contentType(ContentType.JSON)
                .body(
                        "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"记得村名\",\"reportedBy\":\"李社工\",\"occurredAt\":\"2017-07-02T10:00:00+08:00\"}")
                .post("/api/search-cases/" + caseAtA + "/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("leadId");
        given().contentType(ContentType.JSON)
                .body("{\"outcome\":\"CONFIRMED\",\"occurredAt\":\"2017-07-03T10:00:00+08:00\"}")
                .post("/api/search-cases/" + caseAtA + "/leads/" + lead + "/verification")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"leadId\":\"" + lead + "\",\"occurredAt\":\"2017-07-04T10:00:00+08:00\"}")
                .post("/api/search-cases/" + caseAtA + "/success")
                .then()
                .statusCode(200);

        given().queryParam("from", "2017-07-01")
                .queryParam("to", "2017-08-01")
                .queryParam("stationId", a)
                .get("/api/staff-tally")
                .then()
                .statusCode(200)
                .body("byStaff", hasSize(1))
                .body("byStaff[0].staff", equalTo("李社工"))
                .body("byStaff[0].successes", equalTo(1));
        given().queryParam("from", "2017-07-01")
                .queryParam("to", "2017-08-01")
                .queryParam("stationId", b)
                .get("/api/staff-tally")
                .then()
                .statusCode(200)
                .body("byStaff", hasSize(0))
                .body("byUnit", hasSize(0));
    }

    @Test
    void bad_paging_is_refused_as_a_problem_naming_the_parameter() {
        for (String query : List.of("limit=0", "limit=1001", "offset=-1", "limit=abc")) {
            for (String path : List.of("/api/review-agenda", "/api/deadlines/overdue")) {
                given().get(path + "?" + query)
                        .then()
                        .statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("errors.field", hasItem(query.substring(0, query.indexOf('='))));
            }
        }
    }

    private static String admittedCase(String at, String station) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        PersonAdmitted admitted = new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(admitted),
                1,
                "stay",
                stay.toString(),
                1,
                OffsetDateTime.parse(at),
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
}
