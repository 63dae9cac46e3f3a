package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PlacementDecision;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.intake.StayEvent.PlacementDecided;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 10-day rule: a stay needs a placement decision (an explicit decision, entrusted care, or the
 * exit) within 10 days of the admission. Every event goes on one key, so a marker admission
 * published last shows that all before it were applied (ordering, not waiting).
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class PlacementDeadlineTest {
    static final String MARCH_1 = "2017-03-01T09:00:00+08:00";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    final UUID key = UUID.randomUUID();
    final String station = "ten-days-" + UUID.randomUUID();

    @Test
    void a_stay_past_ten_days_without_a_placement_decision_is_overdue_and_counts_against_the_on_time_rate() {
        String none = admit(); // nothing decided
        UUID decidedStay = UUID.randomUUID();
        String decided = admit(decidedStay); // explicit decision on day 4
        publish(
                new PlacementDecided(decidedStay, PlacementDecision.ENTRUSTED_CARE, "联系福利中心"),
                "2017-03-05T09:00:00+08:00");
        UUID lateStay = UUID.randomUUID();
        String late = admit(lateStay); // entrusted care only on day 13
        publish(new EntrustedCareStarted(lateStay, UUID.randomUUID(), "社会福利中心"), "2017-03-14T09:00:00+08:00");
        UUID placedStay = UUID.randomUUID();
        String placed = admit(placedStay); // final placement on day 7: the case stays open
        publish(
                new PersonDischarged(placedStay, UUID.randomUUID(), station, ExitType.PLACED_IN_CARE),
                "2017-03-08T09:00:00+08:00");
        String marker = admit(); // its case opens only after everything above was applied; nothing decided either

        given().queryParam("asOf", "2017-03-13")
                .queryParam("stationId", station)
                .queryParam("limit", 1000)
                .get("/api/deadlines/overdue")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.deadline == 'PLACEMENT_10_DAYS' && it.caseId != null }.caseId",
                        containsInAnyOrder(none, late, marker))
                .body(
                        "find { it.caseId == '" + none + "' && it.deadline == 'PLACEMENT_10_DAYS' }.due",
                        equalTo("2017-03-11T01:00:00Z"));
        given().queryParam("asOf", "2017-03-15")
                .queryParam("stationId", station)
                .queryParam("limit", 1000)
                .get("/api/deadlines/overdue")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.deadline == 'PLACEMENT_10_DAYS' && it.admittedAt.startsWith('2017-03-01') }.caseId",
                        containsInAnyOrder(none, marker));
        given().queryParam("from", "2017-03-01")
                .queryParam("to", "2017-04-01")
                .queryParam("stationId", station)
                .get("/api/deadlines/compliance")
                .then()
                .statusCode(200)
                .body("admissions", equalTo(5))
                .body("placementOnTime", equalTo(2))
                .body("placementOnTimePercent", equalTo(40.0f));
        List.of(decided, placed)
                .forEach(c -> given().get("/api/search-cases/" + c).then().statusCode(200));
    }

    private String admit() {
        return admit(UUID.randomUUID());
    }

    private String admit(UUID stay) {
        UUID person = UUID.randomUUID();
        publish(new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false), MARCH_1);
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

    private void publish(DomainEvent payload, String at) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
                key.toString(),
                1,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, key.toString(), new EventCodec().envelopeJson(envelope));
    }
}
