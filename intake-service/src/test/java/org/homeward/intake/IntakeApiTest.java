package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.PartnerKind;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.intake.person.FamilySearchNews;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class IntakeApiTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FamilySearchNews familySearchNews;

    String station;

    @BeforeEach
    void station() {
        station = "st-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station
                        + "\",\"name\":\"东莞市救助管理站\",\"nonRegisteredPopulation\":6250000,\"areaKm2\":2460}")
                .post("/api/stations")
                .then()
                .statusCode(201)
                .body("name", equalTo("东莞市救助管理站"));
    }

    @Test
    void a_station_id_is_registered_once_and_admissions_need_a_known_station() {
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"again\"}")
                .post("/api/stations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        problem(admit("nowhere-station", "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1), 422, "stationId");
    }

    @Test
    void a_person_has_at_most_one_open_stay_and_re_admission_keeps_history_and_identity() {
        ValidatableResponse first = admit(
                        station, "{\"sex\":\"MALE\",\"identified\":false,\"estimatedAge\":50}", JUNE_1)
                .statusCode(201);
        String person = first.extract().path("personId");
        String stay = first.extract().path("stayId");

        admitKnown(person, "2018-06-03T09:00:00+08:00").statusCode(409).contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"王强\",\"hometown\":\"湖南邵阳\",\"occurredAt\":\"2018-06-05T10:00:00+08:00\"}")
                .post("/api/persons/" + person + "/identity")
                .then()
                .statusCode(200)
                .body("person.identityStatus", equalTo("CONFIRMED"));
        discharge(stay, "ESCORTED_HOME", "2018-06-10T09:00:00+08:00")
                .statusCode(200)
                .body("open", equalTo(false));
        admitKnown(person, "2018-06-08T09:00:00+08:00").statusCode(422); // before the previous discharge
        String second = admitKnown(person, "2018-09-01T09:00:00+08:00")
                .statusCode(201)
                .extract()
                .path("stayId");

        given().get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .body("person.name", equalTo("王强"))
                .body("person.identityStatus", equalTo("CONFIRMED"))
                .body("stays", hasSize(2))
                .body("stays[1].stayId", equalTo(second));
        given().get("/api/persons/" + person + "/history")
                .then()
                .statusCode(200)
                .body(
                        "eventType",
                        contains(
                                "intake.PersonRegistered",
                                "intake.PersonAdmitted",
                                "intake.IdentityConfirmed",
                                "intake.EscortHomeRecorded",
                                "intake.PersonDischarged",
                                "intake.PersonAdmitted"))
                .body("[0].recordedAt", notNullValue());
    }

    @Test
    void identity_is_confirmed_once_and_corrected_explicitly_keeping_the_history() {
        String person = admit(station, "{\"sex\":\"FEMALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("personId");
        String confirm = "{\"name\":\"李梅\",\"hometown\":\"四川\",\"occurredAt\":\"2018-06-02T10:00:00+08:00\"}";
        given().contentType(ContentType.JSON)
                .body(confirm)
                .post("/api/persons/" + person + "/identity")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(confirm)
                .post("/api/persons/" + person + "/identity")
                .then()
                .statusCode(409);

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"李玫\",\"hometown\":\"四川广安\",\"reason\":\"派出所核实户籍\"}")
                .post("/api/persons/" + person + "/identity/corrections")
                .then()
                .statusCode(200)
                .body("person.name", equalTo("李玫"));
        given().get("/api/persons/" + person + "/history")
                .then()
                .body("eventType", hasItem("intake.IdentityConfirmed"))
                .body("eventType", hasItem("intake.IdentityCorrected"));
    }

    @Test
    void fragments_are_appended_with_who_collected_them_and_from_which_source() {
        String person = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("personId");
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + Tokens.forTests().token("social-worker-3", "STATION_STAFF", null))
                .body("{\"kind\":\"DIALECT\",\"value\":\"湘西口音\",\"occurredAt\":\"2018-06-02T10:00:00+08:00\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201)
                .body("fragmentId", notNullValue());
        given().contentType(ContentType.JSON)
                .body(
                        "{\"kind\":\"RELATIVE\",\"value\":\"有个弟弟叫阿明\",\"source\":\"VOLUNTEER\",\"collectedBy\":\"让爱回家志愿者\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201);

        given().get("/api/persons/" + person)
                .then()
                .body("fragments", hasSize(2))
                .body("fragments[0].collectedBy", equalTo("social-worker-3"))
                .body("fragments[0].source", equalTo("STAFF"))
                .body("fragments[1].source", equalTo("VOLUNTEER"));
    }

    @Test
    void a_stay_stays_open_in_hospital_and_a_death_in_hospital_closes_both() {
        String stay = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("stayId");
        String episode = given().contentType(ContentType.JSON)
                .body("{\"hospital\":\"东莞市第三人民医院\",\"occurredAt\":\"2018-06-03T10:00:00+08:00\"}")
                .post("/api/stays/" + stay + "/hospitalizations")
                .then()
                .statusCode(201)
                .extract()
                .path("hospitalizationId");
        given().get("/api/stays/" + stay).then().body("open", equalTo(true)).body("inHospital", equalTo(true));
        given().queryParam("open", true)
                .queryParam("stationId", station)
                .get("/api/stays")
                .then()
                .body("stayId", hasItem(stay));

        post(
                        "/api/stays/" + stay + "/death",
                        "{\"place\":\"东莞市第三人民医院\",\"actionsTaken\":\"报警\","
                                + "\"occurredAt\":\"2018-07-01T10:00:00+08:00\"}")
                .statusCode(200)
                .body("open", equalTo(false))
                .body("inHospital", equalTo(false))
                .body("exitType", equalTo("DECEASED"))
                .body("hospitalisations[0].hospitalisationId", equalTo(episode))
                .body("hospitalisations[0].endedAt", notNullValue());
    }

    @Test
    void the_daily_list_puts_the_longest_stays_first() {
        String older = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", "2017-06-01T09:00:00+08:00")
                .extract()
                .path("stayId");
        String newer = admit(
                        station, "{\"sex\":\"MALE\",\"identified\":true,\"name\":\"张三\",\"hometown\":\"广西\"}", JUNE_1)
                .extract()
                .path("stayId");

        given().queryParam("stationId", station)
                .get("/api/stays")
                .then()
                .statusCode(200)
                .body("stayId", contains(older, newer))
                .body("[1].identityStatus", equalTo("CONFIRMED"))
                .body("[0].daysInStation", Matchers.greaterThan(365));
    }

    @Test
    void discharge_before_admission_is_refused_and_stores_nothing() {
        String stay = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("stayId");
        long before = eventCount();
        problem(discharge(stay, "FAMILY_PICKUP", "2018-05-01T09:00:00+08:00"), 422, "occurredAt");
        Assertions.assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void bad_input_is_answered_with_problem_json_naming_the_field_and_stores_nothing() {
        long before = eventCount();
        problem(post("/api/admissions", "{\"person\": {\"sex\": \"MALE\", "), 400, "person")
                .body("title", equalTo("Malformed JSON"));
        problem(admit(station, "{\"sex\":\"ROBOT\",\"identified\":false}", JUNE_1), 400, "person.sex");
        problem(admit(station, "{\"identified\":false}", JUNE_1), 400, "person.sex");
        problem(
                admit(station, "{\"sex\":\"MALE\",\"identified\":false,\"name\":\"" + "长".repeat(101) + "\"}", JUNE_1),
                400,
                "person.name");
        problem(
                admit(station, "{\"sex\":\"MALE\",\"identified\":false}", "2018-02-30T09:00:00+08:00"),
                400,
                "occurredAt");
        problem(
                admit(
                        station,
                        "{\"sex\":\"MALE\",\"identified\":false}",
                        OffsetDateTime.now().plusDays(2).toString()),
                400,
                "occurredAt");
        problem(
                post("/api/admissions", "{\"stationId\":\"" + station + "\",\"arrivalChannel\":\"SELF\"}"),
                400,
                "person");
        problem(admit(station, "{\"sex\":\"MALE\",\"identified\":true}", JUNE_1), 400, "person.name");
        Assertions.assertThat(eventCount()).isEqualTo(before);

        given().get("/api/persons/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/stays/" + UUID.randomUUID()).then().statusCode(404);
        problem(discharge(UUID.randomUUID().toString(), "FAMILY_PICKUP", JUNE_1), 404, null);
        problem(
                post("/api/persons/" + UUID.randomUUID() + "/fragments", "{\"kind\":\"NAME\",\"value\":\"x\"}"),
                404,
                null);
        problem(given().get("/api/stays/not-a-uuid").then(), 400, "stayId");
        problem(
                post(
                        "/api/admissions",
                        "{\"person\":{\"sex\":\"MALE\",\"identified\":false,\"description\":\"" + "x".repeat(70_000)
                                + "\"},\"stationId\":\"" + station + "\",\"arrivalChannel\":\"SELF\"}"),
                413,
                "body");
        Assertions.assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_retried_post_with_the_same_idempotency_key_returns_the_first_answer_and_appends_nothing() {
        String key = UUID.randomUUID().toString();
        String body = "{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + JUNE_1 + "\"}";
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        long after = eventCount();

        String retry = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .asString();

        Assertions.assertThat(retry).isEqualTo(first);
        Assertions.assertThat(eventCount()).isEqualTo(after);

        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body.replace("POLICE", "SELF"))
                .post("/api/admissions")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("Idempotency-Key"));
        Assertions.assertThat(eventCount()).isEqualTo(after);
    }

    @Test
    void a_command_with_a_stale_if_match_is_refused_with_412() {
        String person = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("personId");
        String etag = given().get("/api/persons/" + person).then().extract().header("ETag");
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"kind\":\"NAME\",\"value\":\"阿强\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201);

        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"kind\":\"NAME\",\"value\":\"强子\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void the_read_models_are_dropped_and_rebuilt_from_the_event_store_to_the_same_answers() {
        ValidatableResponse admitted = admit(station, "{\"sex\":\"FEMALE\",\"identified\":false}", JUNE_1);
        String person = admitted.extract().path("personId");
        String stay = admitted.extract().path("stayId");
        post("/api/persons/" + person + "/fragments", "{\"kind\":\"DIALECT\",\"value\":\"川音\"}")
                .statusCode(201);
        post("/api/stays/" + stay + "/hospitalizations", "{\"hospital\":\"人民医院\"}")
                .statusCode(201);
        post("/api/persons/" + person + "/identity", "{\"name\":\"李梅\",\"hometown\":\"四川\"}")
                .statusCode(200);
        String before = given().get("/api/persons/" + person).then().extract().asString();
        String listBefore = given().queryParam("stationId", station)
                .get("/api/stays")
                .then()
                .extract()
                .asString();

        given().post("/api/admin/read-models/rebuild")
                .then()
                .statusCode(200)
                .body("eventsReplayed", Matchers.greaterThanOrEqualTo(6));

        Assertions.assertThat(
                        given().get("/api/persons/" + person).then().extract().asString())
                .isEqualTo(before);
        Assertions.assertThat(given().queryParam("stationId", station)
                        .get("/api/stays")
                        .then()
                        .extract()
                        .asString())
                .isEqualTo(listBefore);
        given().header("Authorization", "Bearer " + Tokens.forTests().token("STATION_STAFF"))
                .post("/api/admin/read-models/rebuild")
                .then()
                .statusCode(403);
    }

    @Test
    void admissions_reach_kafka_in_the_shared_envelope() {
        String stay = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1)
                .extract()
                .path("stayId");
        String record = KafkaTestClient.awaitRecord(
                Topics.INTAKE, r -> r.contains(stay) && r.contains("PersonAdmitted"), Duration.ofSeconds(30));
        EventEnvelope envelope = new EventCodec().readEnvelope(record);
        Assertions.assertThat(envelope.streamId()).isEqualTo(stay);
        Assertions.assertThat(envelope.occurredAt().toInstant())
                .isEqualTo(OffsetDateTime.parse(JUNE_1).toInstant());
    }

    @Test
    void an_outreach_referral_becomes_an_expected_arrival_that_the_admission_links() {
        UUID referral = UUID.randomUUID();
        publish(
                Topics.OUTREACH,
                new OutcomeRecorded(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        StreetOutcome.ADMITTED_TO_STATION,
                        referral,
                        station,
                        "街面老人"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("pending", true)
                        .get("/api/referrals")
                        .then()
                        .body("referralId", hasItem(referral.toString())));

        String stay = given().contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false}," + "\"stationId\":\"" + station
                        + "\",\"referralId\":\"" + referral + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("stayId");

        given().get("/api/stays/" + stay)
                .then()
                .body("arrivalChannel", equalTo("OUTREACH_REFERRAL"))
                .body("referralId", equalTo(referral.toString()));
        given().queryParam("pending", true)
                .get("/api/referrals")
                .then()
                .body("referralId", Matchers.not(hasItem(referral.toString())));
        given().contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false}," + "\"stationId\":\"" + station
                        + "\",\"referralId\":\"" + referral + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(409);
    }

    @Test
    void a_family_found_shows_as_awaiting_pickup_until_discharge_and_junk_on_the_topic_is_survived() throws Exception {
        ValidatableResponse admitted = admit(station, "{\"sex\":\"MALE\",\"identified\":false}", JUNE_1);
        UUID person = UUID.fromString(admitted.extract().path("personId"));
        String stay = admitted.extract().path("stayId");
        KafkaTestClient.send(Topics.SEARCH, "junk", "this is not an event {");
        KafkaTestClient.send(
                Topics.SEARCH,
                "future",
                "{\"eventId\":\"" + UUID.randomUUID()
                        + "\",\"eventType\":\"search.FromTheFuture\",\"schemaVersion\":1,\"payload\":{}}");
        // a type this consumer never applies, ahead of the news on the same partition: passed over unread
        EventEnvelope partner =
                publish(Topics.SEARCH, new PartnerRegistered("p-" + UUID.randomUUID(), "宝贝回家", PartnerKind.NGO));
        EventEnvelope found = publish(
                Topics.SEARCH,
                partner.streamId(),
                new FamilyFound(
                        UUID.randomUUID(),
                        person,
                        UUID.randomUUID(),
                        LeadChannel.POLICE_FACE_RECOGNITION,
                        null,
                        LeadChannel.STAFF_INQUIRY,
                        "staff-1",
                        "寻亲服务组"));
        KafkaTestClient.send(Topics.SEARCH, found.streamId(), new EventCodec().envelopeJson(found)); // redelivery

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> given().get("/api/persons/" + person).then().body("awaitingPickup", equalTo(true)));
        // the family knows who the person is: the record asks staff to confirm the identity
        given().get("/api/persons/" + person).then().body("person.identityStatus", equalTo("IDENTITY_REQUESTED"));
        given().queryParam("stationId", station)
                .get("/api/stays")
                .then()
                .body("find { it.stayId == '" + stay + "' }.identityStatus", equalTo("IDENTITY_REQUESTED"));
        given().get("/api/persons/" + person + "/history")
                .then()
                .body("findAll { it.eventType == 'intake.FamilyFoundNoted' }", hasSize(1));
        // no transaction and no processed_event row for it, and reconciliation expects none (RecordConsumer.ignores)
        Assertions.assertThat(processedBy("intake.family-search", found.eventId()))
                .isTrue();
        Assertions.assertThat(processedBy("intake.family-search", partner.eventId()))
                .isFalse();
        Assertions.assertThat(familySearchNews.ignores("search-events", partner.eventType()))
                .isTrue();
        Assertions.assertThat(familySearchNews.ignores("search-events", found.eventType()))
                .isFalse();
        discharge(stay, "FAMILY_PICKUP", "2018-06-20T09:00:00+08:00");
        given().get("/api/persons/" + person).then().body("awaitingPickup", equalTo(false));
        KafkaTestClient.awaitRecord(
                Topics.deadLetter("intake"), r -> r.contains("this is not an event"), Duration.ofSeconds(30));
    }

    private boolean processedBy(String consumer, UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private EventEnvelope publish(String topic, DomainEvent payload) {
        return publish(topic, UUID.randomUUID().toString(), payload);
    }

    /** Published under {@code key}: records of one key keep their order on one partition. */
    private EventEnvelope publish(String topic, String key, DomainEvent payload) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "test",
                key,
                1,
                OffsetDateTime.parse(JUNE_1),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(topic, envelope.streamId(), new EventCodec().envelopeJson(envelope));
        return envelope;
    }

    private static ValidatableResponse admit(String station, String person, String at) {
        return post(
                "/api/admissions",
                "{\"person\":" + person + ",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + at + "\"}");
    }

    private ValidatableResponse admitKnown(String person, String at) {
        return post(
                "/api/admissions",
                "{\"personId\":\"" + person + "\",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"SELF\",\"occurredAt\":\"" + at + "\"}");
    }

    /** A discharge with the exit details its type needs. */
    private static ValidatableResponse discharge(String stay, String exit, String at) {
        String details = switch (exit) {
            case "FAMILY_PICKUP" -> ",\"pickedUpBy\":\"张建国\",\"relation\":\"儿子\"";
            case "ESCORTED_HOME" -> ",\"destination\":\"湖南省邵阳市\",\"transport\":\"火车 K9071\",\"escortStaff\":\"王伟\"";
            default -> "";
        };
        return post(
                "/api/stays/" + stay + "/discharge",
                "{\"exitType\":\"" + exit + "\",\"occurredAt\":\"" + at + "\"" + details + "}");
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status));
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        return response;
    }

    private long eventCount() {
        return TestDatabases.eventCount(dataSource);
    }
}
