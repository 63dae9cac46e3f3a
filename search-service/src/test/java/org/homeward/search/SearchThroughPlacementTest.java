package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import org.homeward.events.intake.StayEvent.DeathRecorded;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The family search goes on through entrusted care (托养), hospital and a final placement (安置);
 * a death closes the case with its own reason. Ordering, not waiting: a marker published after
 * the events on the same key (so the same partition, applied in order) shows they were applied.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class SearchThroughPlacementTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void entrusted_care_hospital_and_a_final_placement_keep_the_case_open() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        UUID care = UUID.randomUUID();
        publish(
                stay,
                new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false),
                "2018-06-01T09:00:00+08:00");
        String caseId = awaitCase(person);
        publish(stay, new HospitalisationStarted(stay, UUID.randomUUID(), "市第三人民医院"), "2018-06-03T09:00:00+08:00");
        publish(stay, new EntrustedCareStarted(stay, care, "社会福利中心"), "2018-06-12T09:00:00+08:00");
        publish(stay, new EntrustedCareEnded(stay, care), "2018-09-01T09:00:00+08:00");
        publish(stay, new PersonDischarged(stay, person, "dg", ExitType.PLACED_IN_CARE), "2018-09-01T09:00:00+08:00");
        String marker = marker(stay);

        awaitCase(UUID.fromString(marker));
        given().get("/api/search-cases/" + caseId).then().statusCode(200).body("summary.status", equalTo("OPEN"));
    }

    @Test
    void a_death_closes_the_case_with_its_own_reason() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        publish(
                stay,
                new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false),
                "2018-06-01T09:00:00+08:00");
        String caseId = awaitCase(person);
        publish(stay, new DeathRecorded(stay, person, "站内", "报警、火化"), "2018-07-01T09:00:00+08:00");
        publish(stay, new PersonDischarged(stay, person, "dg", ExitType.DECEASED), "2018-07-01T09:00:00+08:00");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/search-cases/" + caseId)
                        .then()
                        .body("summary.status", equalTo("CLOSED"))
                        .body("summary.closureReason", equalTo("PERSON_DECEASED")));
    }

    /** Another unidentified admission on the same key: its case opens only after what came before was applied. */
    private static String marker(UUID key) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        EventEnvelope envelope = envelope(
                stay,
                new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false),
                "2018-09-02T09:00:00+08:00");
        KafkaTestClient.send(Topics.INTAKE, key.toString(), new EventCodec().envelopeJson(envelope));
        return person.toString();
    }

    private static String awaitCase(UUID person) {
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

    private static void publish(UUID stream, DomainEvent payload, String at) {
        KafkaTestClient.send(
                Topics.INTAKE, stream.toString(), new EventCodec().envelopeJson(envelope(stream, payload, at)));
    }

    private static EventEnvelope envelope(UUID stream, DomainEvent payload, String at) {
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
                stream.toString(),
                1,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
    }
}
