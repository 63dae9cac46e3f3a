package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persons merged in intake (ADR 23): search-service shows the merged record's cases and candidates as the
 * survivor's, a report matching both records once; an unmerge gives each record its own back.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class PersonMergeSearchTest {
    static final String ADMITTED = "2018-03-01T09:00:00+08:00";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void cases_and_candidates_follow_the_survivor_while_merged_and_split_again_when_unmerged() {
        String given = hanzi();
        UUID survivor = resident("阿" + given);
        UUID merged = resident("阿" + given);
        String report = given().contentType(ContentType.JSON)
                .body(
                        "{\"reporter\":{\"kind\":\"POLICE\"},\"name\":\"王" + given
                                + "\",\"sex\":\"MALE\",\"ageWhenLastSeen\":50,\"lastSeenOn\":\"2018-02-20\",\"occurredAt\":\"2018-03-05T10:00:00+08:00\"}")
                .post("/api/missing-person-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("reportId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> proposed(report).containsAll(List.of(survivor.toString(), merged.toString())));
        String mergedCase = cases(merged).get(0);

        UUID mergeId = UUID.randomUUID();
        send(merged, new PersonMerged(merged, mergeId, survivor, merged, "同一人", List.of(), List.of()));
        send(survivor, new PersonMerged(survivor, mergeId, survivor, merged, "同一人", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(survivor).size() == 2);
        assertThat(cases(merged))
                .as("the merged record's cases read as the survivor's")
                .hasSize(2)
                .contains(mergedCase);
        assertThat(proposed(report)).as("one person, proposed once").containsExactly(survivor.toString());
        assertThat(given().get("/api/persons/" + merged + "/candidates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("findAll { it.reportId == '" + report + "' }.personId"))
                .containsExactly(survivor.toString());

        send(survivor, new PersonUnmerged(survivor, mergeId, survivor, merged, "不是同一人"));
        send(merged, new PersonUnmerged(merged, mergeId, survivor, merged, "不是同一人"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(survivor).size() == 1);
        assertThat(cases(merged)).containsExactly(mergedCase);
        assertThat(proposed(report)).containsExactlyInAnyOrder(survivor.toString(), merged.toString());
    }

    @Test
    void a_person_has_one_open_case_with_the_records_merged_into_them() {
        UUID survivor = resident("阿" + hanzi());
        UUID merged = resident("阿" + hanzi());
        String survivorCase = cases(survivor).get(0);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/search-cases/" + survivorCase + "/closure")
                .then()
                .statusCode(200);
        String mergedCase = cases(merged).get(0);

        UUID mergeId = UUID.randomUUID();
        send(survivor, new PersonMerged(survivor, mergeId, survivor, merged, "同一人", List.of(), List.of()));
        send(merged, new PersonMerged(merged, mergeId, survivor, merged, "同一人", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(survivor).size() == 2);

        // the survivor's own case is closed, but the person has the merged record's open: no second one
        open(survivor)
                .statusCode(409)
                .contentType(Matchers.startsWith("application/problem+json"))
                .body("errors.field", Matchers.hasItem("personId"))
                .body("detail", Matchers.containsString(mergedCase));
        open(merged)
                .statusCode(409)
                .body("errors.field", Matchers.hasItem("personId"))
                .body("detail", Matchers.containsString(survivor.toString()));
        assertThat(given().queryParam("personId", survivor)
                        .queryParam("open", true)
                        .get("/api/search-cases")
                        .then()
                        .extract()
                        .<List<String>>path("caseId"))
                .containsExactly(mergedCase);

        send(survivor, new PersonUnmerged(survivor, mergeId, survivor, merged, "不是同一人"));
        send(merged, new PersonUnmerged(merged, mergeId, survivor, merged, "不是同一人"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(survivor).size() == 1);
        String reopened = open(survivor).statusCode(201).extract().path("caseId");
        assertThat(cases(survivor)).containsExactlyInAnyOrder(survivorCase, reopened);
        assertThat(cases(merged)).containsExactly(mergedCase);
    }

    /**
     * A into S, undone, then A into T: S's copy of the undo and T's copy of the second merge travel on different
     * partitions and may come in either order; A's own stream has all three in order, and that is what counts.
     */
    @Test
    void a_record_merged_undone_and_merged_elsewhere_follows_its_last_merge_whatever_the_partitions_order() {
        UUID a = resident("阿" + hanzi());
        UUID s = resident("阿" + hanzi());
        UUID t = resident("阿" + hanzi());
        String casesOfA = cases(a).get(0);
        UUID first = UUID.randomUUID();
        send(a, new PersonMerged(a, first, s, a, "同一人", List.of(), List.of()));
        send(s, new PersonMerged(s, first, s, a, "同一人", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(s).contains(casesOfA));

        UUID second = UUID.randomUUID();
        send(t, new PersonMerged(t, second, t, a, "同一人", List.of(), List.of())); // T's copy first, A still under S
        send(s, new PersonUnmerged(s, first, s, a, "不是同一人"));
        send(a, new PersonUnmerged(a, first, s, a, "不是同一人"));
        send(a, new PersonMerged(a, second, t, a, "同一人", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> cases(t).contains(casesOfA));
        assertThat(cases(s)).doesNotContain(casesOfA);
        assertThat(cases(a)).as("A reads as T").containsExactlyInAnyOrderElementsOf(cases(t));
    }

    private static ValidatableResponse open(UUID person) {
        return given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + person + "\"}")
                .post("/api/search-cases")
                .then();
    }

    private static List<String> proposed(String report) {
        return given().queryParam("limit", 100)
                .get("/api/missing-person-reports/" + report + "/candidates")
                .then()
                .statusCode(200)
                .extract()
                .path("personId");
    }

    private static List<String> cases(UUID person) {
        return given().queryParam("personId", person)
                .get("/api/search-cases")
                .then()
                .statusCode(200)
                .extract()
                .path("caseId");
    }

    private static UUID resident(String nickname) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        send(person, new PersonRegistered(person, null, Sex.MALE, 50, false, null, null));
        send(stay, new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false));
        send(
                person,
                new IdentityFragmentRecorded(
                        person, UUID.randomUUID(), FragmentKind.NICKNAME, nickname, FragmentSource.STAFF, "staff-li"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !cases(person).isEmpty());
        return person;
    }

    private static void send(UUID streamId, DomainEvent payload) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "intake",
                streamId.toString(),
                1,
                OffsetDateTime.parse(ADMITTED),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, streamId.toString(), new EventCodec().envelopeJson(envelope));
    }

    private static String hanzi() {
        Random random = new Random();
        return new String(
                new char[] {(char) (0x4E00 + random.nextInt(0x5000)), (char) (0x4E00 + random.nextInt(0x5000))});
    }
}
