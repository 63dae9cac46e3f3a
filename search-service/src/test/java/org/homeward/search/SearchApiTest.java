package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class SearchApiTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void partners() {
        for (String p : List.of(
                "{\"partnerId\":\"rangaihuijia\",\"name\":\"让爱回家\",\"kind\":\"NGO\"}",
                "{\"partnerId\":\"toutiao\",\"name\":\"今日头条\",\"kind\":\"MEDIA_PLATFORM\"}")) {
            given().contentType(ContentType.JSON)
                    .body(p)
                    .post("/api/partners")
                    .then()
                    .statusCode(Matchers.anyOf(equalTo(201), equalTo(409)));
        }
    }

    @Test
    void an_unidentified_admission_opens_a_case_once_and_the_discharge_closes_it() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        EventEnvelope admitted =
                publish(stay, new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
        KafkaTestClient.send(Topics.INTAKE, stay.toString(), new EventCodec().envelopeJson(admitted)); // redelivered
        String caseId = awaitCase(person);
        given().queryParam("personId", person)
                .get("/api/search-cases")
                .then()
                .body("", hasSize(1))
                .body("[0].openingReason", equalTo("UNIDENTIFIED_ADMISSION"));

        publish(stay, new PersonDischarged(stay, person, "dg", ExitType.SELF_DEPARTURE), "2018-06-09T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/search-cases/" + caseId)
                        .then()
                        .body("summary.status", equalTo("CLOSED"))
                        .body("summary.closureReason", equalTo("PERSON_DISCHARGED")));
        long before = eventCount();
        lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"x\"}")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        Assertions.assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_poll_with_an_unreadable_record_opens_the_other_cases_dead_letters_only_it_and_comes_again_harmlessly() {
        // Only a record that cannot be read: intake's topic here is the shared one, and a readable event that
        // fails in a projection would stop every reporting rebuild over it (ConsumerFailureTest has its own topics).
        String key = UUID.randomUUID().toString(); // one key, one produce request: one partition, one poll
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        EventCodec codec = new EventCodec();
        List<String> admissions = persons.stream()
                .map(p -> codec.envelopeJson(envelope(
                        UUID.randomUUID(),
                        new PersonAdmitted(UUID.randomUUID(), p, "dg", ArrivalChannel.POLICE, null, false),
                        JUNE_1)))
                .toList();
        String junk = "not an event " + UUID.randomUUID();
        KafkaTestClient.sendTogether(Topics.INTAKE, key, List.of(admissions.get(0), junk, admissions.get(1)));
        awaitCase(persons.get(0));
        awaitCase(persons.get(1));
        KafkaTestClient.awaitRecord(Topics.deadLetter("search"), r -> r.equals(junk), Duration.ofSeconds(30));
        for (String admission : admissions) {
            Assertions.assertThat(KafkaTestClient.anyRecord(
                            Topics.deadLetter("search"), r -> r.equals(admission), Duration.ofSeconds(3)))
                    .isFalse();
        }

        // the same poll again (a redelivery), with the third admission behind: one case each, still
        KafkaTestClient.sendTogether(Topics.INTAKE, key, admissions);
        awaitCase(persons.get(2));
        for (UUID person : persons) {
            given().queryParam("personId", person)
                    .get("/api/search-cases")
                    .then()
                    .body("", hasSize(1));
        }
    }

    @Test
    void an_identified_admission_opens_no_case_but_one_can_be_opened_by_hand_once() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        publish(person, new PersonRegistered(person, "张三", Sex.MALE, 60, true, "广西", null), JUNE_1);
        publish(stay, new PersonAdmitted(stay, person, "dg", ArrivalChannel.SELF, null, true), JUNE_1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().contentType(ContentType.JSON)
                        .body("{\"personId\":\"" + person + "\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                        .post("/api/search-cases")
                        .then()
                        .statusCode(201));
        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + person + "\"}")
                .post("/api/search-cases")
                .then()
                .statusCode(409);
        given().queryParam("personId", person)
                .get("/api/search-cases")
                .then()
                .body("[0].openingReason", equalTo("MANUAL"));
        // A person intake has not announced yet (admitted a second ago, or a wrong id): 409 with Retry-After.
        long before = eventCount();
        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/search-cases")
                .then()
                .statusCode(409)
                .header("Retry-After", "2")
                .contentType("application/problem+json")
                .body("errors.field", Matchers.hasItem("personId"));
        Assertions.assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_success_names_a_confirmed_lead_of_its_case_once_and_credits_its_channel() {
        String caseId = admittedCase(JUNE_1);
        String other = admittedCase(JUNE_1);
        String first = lead(
                        caseId,
                        "{\"channel\":\"NATIONAL_NETWORK\",\"summary\":\"全国救助寻亲网比对\",\"occurredAt\":\"2018-06-02T10:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        verify(caseId, first, "REJECTED").statusCode(200);
        String partnerLead = lead(
                        caseId,
                        "{\"channel\":\"PARTNER\",\"partnerId\":\"rangaihuijia\",\"summary\":\"志愿者问询得到乡镇名\",\"reportedBy\":\"vol-8\",\"occurredAt\":\"2018-06-05T10:00:00+08:00\"}")
                .statusCode(201)
                .extract()
                .path("leadId");
        String foreign = lead(other, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"x\"}")
                .extract()
                .path("leadId");
        verify(other, foreign, "CONFIRMED");
        long before = eventCount();

        success(caseId, first).statusCode(422); // rejected lead
        success(caseId, partnerLead).statusCode(422); // not verified yet
        success(caseId, foreign).statusCode(422); // another case's lead
        lead(caseId, "{\"channel\":\"PARTNER\",\"partnerId\":\"nobody\",\"summary\":\"x\"}")
                .statusCode(422);
        lead(caseId, "{\"channel\":\"PARTNER\",\"summary\":\"x\"}")
                .statusCode(400)
                .body("errors.field", hasItem("partnerId"));
        lead(caseId, "{\"channel\":\"CRYSTAL_BALL\",\"summary\":\"x\"}")
                .statusCode(400)
                .body("errors.field", hasItem("channel"));
        lead(caseId, "{\"channel\":\"STAFF_INQUIRY\"}").statusCode(400).body("errors.field", hasItem("summary"));
        lead(caseId, "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"x\",\"occurredAt\":\"2018-05-01T10:00:00+08:00\"}")
                .statusCode(422);
        Assertions.assertThat(eventCount()).isEqualTo(before);

        verify(caseId, partnerLead, "CONFIRMED").statusCode(200);
        success(caseId, partnerLead)
                .statusCode(200)
                .body("success.channel", equalTo("PARTNER"))
                .body("success.partnerId", equalTo("rangaihuijia"))
                .body("success.firstLeadChannel", equalTo("NATIONAL_NETWORK"))
                .body("success.creditedStaff", equalTo("vol-8"))
                .body("summary.status", equalTo("FAMILY_FOUND"));
        success(caseId, partnerLead).statusCode(409);
        KafkaTestClient.awaitRecord(
                Topics.SEARCH, r -> r.contains("FamilyFound") && r.contains(caseId), Duration.ofSeconds(30));
    }

    @Test
    void the_review_agenda_puts_the_longest_without_progress_first() {
        String station =
                "agenda-" + UUID.randomUUID(); // this run's cases only: earlier runs' stay open in the shared database
        String quiet = admittedCase("2018-03-01T09:00:00+08:00", station);
        String busy = admittedCase("2018-02-01T09:00:00+08:00", station);
        lead(
                busy,
                "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"口音像湘西\",\"occurredAt\":\"2018-03-20T10:00:00+08:00\"}");
        given().contentType(ContentType.JSON)
                .body("{\"medium\":\"TV\",\"occurredAt\":\"2018-03-02T10:00:00+08:00\"}")
                .post("/api/search-cases/" + quiet + "/notices")
                .then()
                .statusCode(201);

        ValidatableResponse agenda = given().queryParam("asOf", "2018-04-01")
                .queryParam("stationId", station)
                .get("/api/review-agenda")
                .then()
                .statusCode(200);
        List<String> order = agenda.extract().path("caseId");
        Assertions.assertThat(order.indexOf(quiet)).isLessThan(order.indexOf(busy));
        agenda.body("find { it.caseId == '" + busy + "' }.leadsAwaitingVerification", equalTo(1))
                .body("find { it.caseId == '" + quiet + "' }.daysWithoutProgress", equalTo(30));
    }

    @Test
    void deadlines_show_overdue_notices_and_dna_requests_and_the_on_time_rate() {
        String station = "deadlines-" + UUID.randomUUID();
        String late = admittedCase("2016-03-07T09:00:00+08:00", station); // a Monday
        String onTime = admittedCase("2016-03-07T10:00:00+08:00", station);
        given().contentType(ContentType.JSON)
                .body("{\"medium\":\"NATIONAL_NETWORK\",\"occurredAt\":\"2016-03-07T20:00:00+08:00\"}")
                .post("/api/search-cases/" + onTime + "/notices")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"occurredAt\":\"2016-03-16T09:00:00+08:00\"}")
                .post("/api/search-cases/" + onTime + "/dna-requests")
                .then()
                .statusCode(201);

        given().queryParam("asOf", "2016-03-17")
                .queryParam("stationId", station)
                .get("/api/deadlines/overdue")
                .then()
                .statusCode(200)
                .body("findAll { it.caseId == '" + late + "' }.deadline", contains("NOTICE_24H", "DNA_7_WORKING_DAYS"))
                .body("findAll { it.caseId == '" + onTime + "' }", hasSize(0));
        given().queryParam("from", "2016-03-01")
                .queryParam("to", "2016-04-01")
                .queryParam("stationId", station)
                .get("/api/deadlines/compliance")
                .then()
                .body("admissions", equalTo(2))
                .body("noticeOnTime", equalTo(1))
                .body("noticeOnTimePercent", equalTo(50.0f))
                .body("dnaOnTime", equalTo(1));
        given().queryParam("from", "2016-04-01")
                .queryParam("to", "2016-03-01")
                .get("/api/deadlines/compliance")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("from"));
    }

    @Test
    void successes_are_tallied_per_staff_member_and_unit() {
        String caseId = admittedCase("2015-05-01T09:00:00+08:00");
        String lead = lead(
                        caseId,
                        "{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"记得村名\",\"reportedBy\":\"陈社工\",\"occurredAt\":\"2015-05-02T10:00:00+08:00\"}")
                .extract()
                .path("leadId");
        verify(caseId, lead, "CONFIRMED");
        given().contentType(ContentType.JSON)
                .body("{\"leadId\":\"" + lead
                        + "\",\"creditedUnit\":\"寻亲服务组\",\"occurredAt\":\"2015-05-03T10:00:00+08:00\"}")
                .post("/api/search-cases/" + caseId + "/success")
                .then()
                .statusCode(200);

        given().queryParam("from", "2015-05-01")
                .queryParam("to", "2015-06-01")
                .get("/api/staff-tally")
                .then()
                .body("byStaff", hasSize(1))
                .body("byStaff[0].staff", equalTo("陈社工"))
                .body("byUnit[0].unit", equalTo("寻亲服务组"))
                .body("byUnit[0].successes", equalTo(1));
    }

    private String admittedCase(String at) {
        return admittedCase(at, "dg");
    }

    private String admittedCase(String at, String station) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        publish(stay, new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false), at);
        return awaitCase(person);
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

    private static ValidatableResponse lead(String caseId, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/search-cases/" + caseId + "/leads")
                .then();
    }

    private static ValidatableResponse verify(String caseId, String leadId, String outcome) {
        return given().contentType(ContentType.JSON)
                .body("{\"outcome\":\"" + outcome + "\",\"contacted\":[\"镇政府\",\"派出所\",\"村委会\"]}")
                .post("/api/search-cases/" + caseId + "/leads/" + leadId + "/verification")
                .then();
    }

    private static ValidatableResponse success(String caseId, String leadId) {
        return given().contentType(ContentType.JSON)
                .body("{\"leadId\":\"" + leadId + "\"}")
                .post("/api/search-cases/" + caseId + "/success")
                .then();
    }

    private static EventEnvelope publish(UUID stream, DomainEvent payload, String at) {
        EventEnvelope envelope = envelope(stream, payload, at);
        KafkaTestClient.send(Topics.INTAKE, stream.toString(), new EventCodec().envelopeJson(envelope));
        return envelope;
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

    private long eventCount() {
        return TestDatabases.eventCount(dataSource);
    }
}
