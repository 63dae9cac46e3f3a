package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.Topics;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.PersonalDataScan;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class OutreachApiTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static final String JULY_1 = "2018-07-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventSourcing sourcing;

    @BeforeEach
    void registries() {
        Registries.station(dataSource, "dg");
        Registries.partner(dataSource, "rangaihuijia");
    }

    @Test
    void a_partner_team_belongs_to_one_partner() {
        post("/api/programs", "{\"name\":\"让爱回家街面救助队\",\"kind\":\"PARTNER_TEAM\",\"stationId\":\"dg\"}")
                .statusCode(400)
                .body("errors.field", hasItem("partnerId"));
        post(
                        "/api/programs",
                        "{\"name\":\"社工项目\",\"kind\":\"SOCIAL_WORK_PROJECT\",\"stationId\":\"dg\",\"partnerId\":\"x-y\"}")
                .statusCode(400)
                .body("errors.field", hasItem("partnerId"));
        String team = post(
                        "/api/programs",
                        "{\"name\":\"让爱回家街面救助队\",\"kind\":\"PARTNER_TEAM\",\"stationId\":\"dg\",\"partnerId\":\"rangaihuijia\"}")
                .statusCode(201)
                .extract()
                .path("programId");
        given().get("/api/programs/" + team)
                .then()
                .body("program.partnerId", equalTo("rangaihuijia"))
                .body("program.kind", equalTo("PARTNER_TEAM"));
    }

    @Test
    void a_street_case_runs_from_first_contact_to_one_final_outcome() {
        String program = program("SOCIAL_WORK_PROJECT");
        String patrol = post(
                        "/api/programs/" + program + "/patrols",
                        "{\"campaign\":\"寒冬送温暖\",\"area\":\"莞城街道\",\"teams\":3,\"peopleMet\":21,\"occurredAt\":\""
                                + JULY_1 + "\"}")
                .statusCode(201)
                .extract()
                .path("patrolId");
        String caseId = openCase(program, JULY_1);
        post(
                        "/api/street-cases/" + caseId + "/contacts",
                        "{\"services\":[\"SUPPLIES\",\"PERSUASION\"],\"suppliesValue\":120.50," + "\"patrolId\":\""
                                + patrol + "\",\"occurredAt\":\"2018-07-01T10:00:00+08:00\"}")
                .statusCode(201);
        post(
                        "/api/street-cases/" + caseId + "/identification",
                        "{\"name\":\"刘某\",\"hometown\":\"河南周口\",\"occurredAt\":\"2018-07-03T10:00:00+08:00\"}")
                .statusCode(200)
                .body("identifiedAt", notNullValue());
        post(
                        "/api/street-cases/" + caseId + "/outcome",
                        "{\"outcome\":\"REUNITED\",\"occurredAt\":\"2018-07-05T10:00:00+08:00\"}")
                .statusCode(200)
                .body("outcome", equalTo("REUNITED"));

        long before = eventCount();
        post("/api/street-cases/" + caseId + "/outcome", "{\"outcome\":\"LOST_CONTACT\"}")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[\"COUNSELING\"]}")
                .statusCode(409);
        Assertions.assertThat(eventCount()).isEqualTo(before);

        post(
                        "/api/street-cases/" + caseId + "/outcome/corrections",
                        "{\"outcome\":\"REINTEGRATED\",\"reason\":\"亲属未接领，本人在本地就业\"}")
                .statusCode(200)
                .body("outcome", equalTo("REINTEGRATED"));
        given().get("/api/street-cases/" + caseId)
                .then()
                .body("contacts", hasSize(1))
                .body("contacts[0].suppliesValue", equalTo(120.5f))
                .body("contacts[0].patrolId", equalTo(patrol));
        given().queryParam("from", "2018-07-01")
                .queryParam("to", "2018-08-01")
                .get("/api/programs/" + program + "/supplies")
                .then()
                .body("contacts", equalTo(1))
                .body("suppliesValue", equalTo(120.5f));
    }

    @Test
    void admission_to_the_station_publishes_a_referral_for_intake() {
        String program = program("HOSPITAL_POST");
        String caseId = openCase(program, JULY_1);
        post("/api/street-cases/" + caseId + "/identification", "{\"name\":\"黄某\"}")
                .statusCode(200);
        String referral = post("/api/street-cases/" + caseId + "/outcome", "{\"outcome\":\"ADMITTED_TO_STATION\"}")
                .statusCode(200)
                .extract()
                .path("referralId");

        String record = KafkaTestClient.awaitRecord(Topics.OUTREACH, r -> r.contains(referral), Duration.ofSeconds(30));
        // the name is sealed with the case's key (ADR 35): outreach opens it, a reader holding no key does not
        Assertions.assertThat(record).doesNotContain("黄某").contains("\"kid\":\"outreach:" + caseId + ":1\"");
        Assertions.assertThat(new EventCodec()
                        .readEnvelope(record)
                        .payloadAs(OutcomeRecorded.class)
                        .name())
                .isNull();
        EventEnvelope event = sourcing.store().codec().readEnvelope(record);
        OutcomeRecorded outcome = event.payloadAs(OutcomeRecorded.class);
        Assertions.assertThat(outcome.stationId()).isEqualTo("dg");
        Assertions.assertThat(outcome.name()).isEqualTo("黄某");
        Assertions.assertThat(event.streamId()).isEqualTo(caseId);
    }

    @Test
    void a_street_case_is_erased_with_the_person_it_brought_to_the_station() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String about = "左腿有伤" + suffix, name = "黄某" + suffix, hometown = "广西" + suffix;
        List<String> values = List.of(about, name, hometown);
        String caseId = post(
                        "/api/street-cases",
                        "{\"programId\":\"" + program("STAFF_PATROL") + "\",\"location\":\"东城汽车站\","
                                + "\"description\":\"" + about + "\",\"occurredAt\":\"" + JULY_1 + "\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
        post(
                        "/api/street-cases/" + caseId + "/identification",
                        "{\"name\":\"" + name + "\",\"hometown\":\"" + hometown + "\"}")
                .statusCode(200);
        String referral = post("/api/street-cases/" + caseId + "/outcome", "{\"outcome\":\"ADMITTED_TO_STATION\"}")
                .statusCode(200)
                .extract()
                .path("referralId");
        Assertions.assertThat(hits(values))
                .noneMatch(h -> h.contains("event_store"))
                .anyMatch(h -> h.contains("street_case"));

        // intake: the referral arrived as a person, who is later erased
        UUID person = UUID.randomUUID();
        Registries.arrived(dataSource, UUID.fromString(referral), UUID.randomUUID(), person);
        Registries.erased(person);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Assertions.assertThat(hits(values)).isEmpty());
        given().get("/api/street-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("name", nullValue())
                .body("description", nullValue())
                .body("outcome", equalTo("ADMITTED_TO_STATION"));
        // the case's key is destroyed: rebuilt from the store, the values read null
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        given().get("/api/street-cases/" + caseId).then().statusCode(200).body("name", nullValue());
        Assertions.assertThat(hits(values)).isEmpty();
    }

    private List<String> hits(List<String> values) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return PersonalDataScan.find(c, values, List.of());
        }
    }

    @Test
    void bad_input_is_refused_with_problem_json_and_stores_nothing() {
        String program = program("STAFF_PATROL");
        String caseId = openCase(program, JULY_1);
        long before = eventCount();
        post("/api/street-cases/" + UUID.randomUUID() + "/outcome", "{\"outcome\":\"REUNITED\"}")
                .statusCode(404);
        post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[\"SUPPLIES\"],\"suppliesValue\":-5}")
                .statusCode(400)
                .body("errors.field", hasItem("suppliesValue"));
        post(
                        "/api/street-cases/" + caseId + "/contacts",
                        "{\"services\":[\"SUPPLIES\"],\"occurredAt\":\"2018-06-30T09:00:00+08:00\"}")
                .statusCode(422)
                .body("errors.field", hasItem("occurredAt"));
        post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[]}")
                .statusCode(400)
                .body("errors.field", hasItem("services"));
        post("/api/street-cases/" + caseId + "/contacts", "{\"services\":[\"HUGS\"]}")
                .statusCode(400);
        post("/api/street-cases/" + caseId + "/outcome", "{\"outcome\":\"VANISHED\"}")
                .statusCode(400)
                .body("errors.field", hasItem("outcome"));
        post("/api/street-cases", "{\"programId\":\"" + UUID.randomUUID() + "\"}")
                .statusCode(422)
                .body("errors.field", hasItem("programId"));
        post("/api/street-cases", "{\"programId\":\"not-a-uuid\"}").statusCode(400);
        post("/api/street-cases/" + caseId + "/outcome/corrections", "{\"outcome\":\"REUNITED\",\"reason\":\"x\"}")
                .statusCode(422);
        Assertions.assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void open_cases_without_contact_for_a_while_are_listed_and_volunteer_visits_add_up() {
        String program = program("SOCIAL_WORK_PROJECT");
        String quiet = openCase(program, "2018-01-01T09:00:00+08:00");
        given().queryParam("days", 30)
                .get("/api/programs/" + program + "/quiet-cases")
                .then()
                .body("caseId", hasItem(quiet));
        post(
                        "/api/partners/rangaihuijia/volunteer-visits",
                        "{\"visits\":450,\"occurredAt\":\"2018-03-31T18:00:00+08:00\"}")
                .statusCode(201);
        post(
                        "/api/partners/rangaihuijia/volunteer-visits",
                        "{\"visits\":448,\"occurredAt\":\"2018-09-30T18:00:00+08:00\"}")
                .statusCode(201);
        given().queryParam("from", "2018-01-01")
                .queryParam("to", "2019-01-01")
                .get("/api/partners/rangaihuijia/volunteer-visits")
                .then()
                .body("visits", equalTo(898));
    }

    private static String program(String kind) {
        return post("/api/programs", "{\"name\":\"项目\",\"kind\":\"" + kind + "\",\"stationId\":\"dg\"}")
                .statusCode(201)
                .extract()
                .path("programId");
    }

    private static String openCase(String program, String at) {
        return post(
                        "/api/street-cases",
                        "{\"programId\":\"" + program + "\",\"location\":\"东城汽车站\",\"occurredAt\":\"" + at + "\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private long eventCount() {
        return TestDatabases.eventCount(dataSource);
    }
}
