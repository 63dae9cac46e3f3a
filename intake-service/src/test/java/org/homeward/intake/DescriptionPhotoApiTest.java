package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.homeward.testsupport.Problems.problem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.Topics;
import org.homeward.events.intake.DistinguishingMark;
import org.homeward.events.intake.MarkKind;
import org.homeward.events.intake.PersonEvent.DescriptionRecorded;
import org.homeward.events.intake.PersonEvent.PhotoAdded;
import org.homeward.events.intake.PhotoKind;
import org.homeward.intake.photo.Photo;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person described (体貌特征) and photographed: recorded as events, read under the field policy, photos audited. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class DescriptionPhotoApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";
    static final String DESCRIPTION =
            "{\"heightMinCm\":165,\"heightMaxCm\":170,\"build\":\"SLIGHT\",\"hair\":\"短发，花白\","
                    + "\"marks\":[{\"kind\":\"MISSING_FINGER\",\"bodyLocation\":\"左手\",\"text\":\"食指缺一节\"},"
                    + "{\"kind\":\"TATTOO\",\"bodyLocation\":\"右前臂\",\"text\":\"“忍”字\"}],\"disabilities\":[\"听力障碍\"],"
                    + "\"languages\":[\"湖南话（湘西口音）\"],\"clothingAtAdmission\":\"蓝色夹克\",\"occurredAt\":\"" + JUNE_1
                    + "\"}";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventSourcing sourcing;

    String person;

    @BeforeEach
    void admitted() {
        String station = "dp-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        person = given().contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
    }

    @Test
    void a_description_is_an_event_on_the_person_read_under_the_field_policy() {
        as("STATION_STAFF")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .header("Idempotency-Key", "d-" + person)
                .body(DESCRIPTION)
                .post("/api/persons/" + person + "/description")
                .then()
                .statusCode(201)
                .body("heightMinCm", equalTo(165))
                .body("marks[0].kind", equalTo("MISSING_FINGER"))
                .body("marks[0].bodyLocation", equalTo("左手"))
                .body("describedAt", startsWith("2018-06-01T01:00"));
        // a retry with the same key answers the same and records nothing more
        as("STATION_STAFF")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .header("Idempotency-Key", "d-" + person)
                .body(DESCRIPTION)
                .post("/api/persons/" + person + "/description")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true");
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE stream_id = ? AND event_type = 'intake.DescriptionRecorded'",
                        person))
                .isEqualTo(1);

        as("STATION_STAFF")
                .get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .body("description.disabilities", contains("听力障碍"))
                .body("description.languages", contains("湖南话（湘西口音）"));
        // the search team sees the description but not the disabilities (health data), nor the event in the history
        as("SEARCH_TEAM")
                .get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .body("description.marks[1].text", equalTo("“忍”字"))
                .body("description", not(hasKey("disabilities")));
        as("SEARCH_TEAM")
                .get("/api/persons/" + person + "/history")
                .then()
                .statusCode(200)
                .body("eventType", not(hasItem("intake.DescriptionRecorded")));
        as("STATION_STAFF")
                .get("/api/persons/" + person + "/history")
                .then()
                .statusCode(200)
                .body("eventType", hasItem("intake.DescriptionRecorded"));
        // a stale version is refused
        as("STATION_STAFF")
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(DESCRIPTION)
                .post("/api/persons/" + person + "/description")
                .then()
                .statusCode(412);
    }

    @Test
    void bad_descriptions_are_problems_naming_the_field_and_nothing_is_stored() {
        long before = TestDatabases.eventCount(dataSource);
        badDescription("{\"heightMinCm\":300}", "heightMinCm");
        badDescription("{\"heightMinCm\":10}", "heightMinCm");
        badDescription("{\"heightMinCm\":175,\"heightMaxCm\":160}", "heightMaxCm");
        badDescription("{\"marks\":[{\"kind\":\"WINGS\",\"bodyLocation\":\"背\"}]}", "marks[0].kind");
        badDescription("{\"marks\":[{\"bodyLocation\":\"背\"}]}", "marks[0].kind");
        badDescription("{\"languages\":[\" \"]}", "languages[0]");
        badDescription("{}", "description");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
        as("STATION_STAFF").get("/api/persons/" + person).then().statusCode(200).body("description", nullValue());
    }

    @Test
    void a_photo_is_stored_once_by_its_hash_served_to_those_who_may_see_the_person_and_every_read_audited() {
        byte[] jpeg = jpeg(2000);
        String hash = Photo.sha256(jpeg);
        upload(as("STATION_STAFF").header("Idempotency-Key", "p-" + person), person, "image/jpeg", jpeg, "ADMISSION")
                .statusCode(201)
                .header("Location", Matchers.endsWith("/api/persons/" + person + "/photos/" + hash))
                .body("sha256", equalTo(hash))
                .body("sizeBytes", equalTo(2000))
                .body("kind", equalTo("ADMISSION"))
                .body("alreadyOnRecord", equalTo(false));
        upload(as("STATION_STAFF"), person, "image/jpeg", jpeg, "LATER")
                .statusCode(200)
                .body("alreadyOnRecord", equalTo(true));
        String other = given().contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"FEMALE\",\"identified\":false}," + "\"stationId\":\"" + stationOf(person)
                        + "\",\"arrivalChannel\":\"SELF\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
        upload(as("STATION_STAFF"), other, "image/jpeg", jpeg, "ADMISSION").statusCode(201);
        assertThat(count("SELECT count(*) FROM photo_blob WHERE sha256 = ?", hash))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE event_type = 'intake.PhotoAdded' AND payload::text LIKE '%' || ? || '%'",
                        hash))
                .isEqualTo(2);
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE event_type = 'intake.PhotoAdded' AND payload::text LIKE '%/9j/%'",
                        null))
                .isZero(); // no bytes (base64 of a JPEG starts /9j/) in any event

        for (String role : new String[] {"STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON"}) {
            byte[] served = as(role).header("X-Purpose", "IDENTIFICATION")
                    .get("/api/persons/" + person + "/photos/" + hash)
                    .then()
                    .statusCode(200)
                    .contentType("image/jpeg")
                    .extract()
                    .asByteArray();
            assertThat(Arrays.equals(served, jpeg)).isTrue();
        }
        as("STATION_STAFF")
                .get("/api/persons/" + person)
                .then()
                .body("photos[0].sha256", equalTo(hash))
                .body("photos[0].kind", equalTo("ADMISSION"));
        for (String role : new String[] {"REPORT_VIEWER", "OUTREACH_WORKER"}) {
            as(role).get("/api/persons/" + person + "/photos/" + hash)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as(role).get("/api/persons/" + person + "/photos").then().statusCode(403);
        }
        given().header("Authorization", "Bearer " + TOKENS.token("partner-x", "PARTNER", "rangaihuijia"))
                .get("/api/persons/" + person + "/photos/" + hash)
                .then()
                .statusCode(403);
        // a hash not of this person is not served through it
        as("STATION_STAFF")
                .get("/api/persons/" + UUID.randomUUID() + "/photos/" + hash)
                .then()
                .statusCode(404);

        given().queryParam("target", person)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.action == 'READ_PERSON_PHOTO' }.role",
                        Matchers.containsInAnyOrder("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON"))
                .body(
                        "findAll { it.action == 'READ_PERSON_PHOTO' }.purpose",
                        Matchers.everyItem(equalTo("IDENTIFICATION")));
    }

    @Test
    void a_bad_or_too_large_image_is_a_problem_and_nothing_is_stored() {
        long events = TestDatabases.eventCount(dataSource);
        long blobs = count("SELECT count(*) FROM photo_blob", null);
        problem(
                upload(
                        as("STATION_STAFF"),
                        person,
                        "image/png",
                        "not an image".getBytes(StandardCharsets.UTF_8),
                        "LATER"),
                422,
                "body");
        problem(upload(as("STATION_STAFF"), person, "image/png", jpeg(100), "LATER"), 422, "Content-Type");
        problem(upload(as("STATION_STAFF"), person, "image/jpeg", new byte[0], "LATER"), 422, "body");
        problem(upload(as("STATION_STAFF"), person, "text/plain", jpeg(100), "LATER"), 415, "Content-Type");
        problem(upload(as("STATION_STAFF"), person, "image/jpeg", jpeg(100), "PASSPORT"), 400, "kind");
        problem(upload(as("STATION_STAFF"), person, "image/jpeg", jpeg(5 * 1024 * 1024 + 1), "LATER"), 413, "body");
        problem(upload(as("STATION_STAFF"), UUID.randomUUID().toString(), "image/jpeg", jpeg(100), "LATER"), 404, null);
        upload(as("OUTREACH_WORKER"), person, "image/jpeg", jpeg(100), "LATER").statusCode(403);
        // a JSON body keeps its own 64 KiB limit although photos may be larger
        problem(
                as("STATION_STAFF")
                        .contentType(ContentType.JSON)
                        .body("{\"hair\":\"" + "x".repeat(70_000) + "\"}")
                        .post("/api/persons/" + person + "/description")
                        .then(),
                413,
                "body");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(events);
        assertThat(count("SELECT count(*) FROM photo_blob", null)).isEqualTo(blobs);
        // a photo just under the limit goes through
        upload(as("STATION_STAFF"), person, "image/jpeg", jpeg(5 * 1024 * 1024), "LATER")
                .statusCode(201);
    }

    @Test
    void description_and_photo_reach_kafka_without_the_bytes_and_survive_a_read_model_rebuild() {
        as("STATION_STAFF")
                .contentType(ContentType.JSON)
                .body(DESCRIPTION)
                .post("/api/persons/" + person + "/description")
                .then()
                .statusCode(201);
        byte[] png = png(3000);
        String hash = upload(as("STATION_STAFF"), person, "image/png", png, "LATER")
                .statusCode(201)
                .extract()
                .path("sha256");
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"NICKNAME\",\"value\":\"小毛\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201);

        // search-service scores description marks from intake's topic: the event arrives whole (its personal values
        // sealed, opened with the person's key, ADR 33), the photo without bytes
        String describedRecord = KafkaTestClient.awaitRecord(
                Topics.INTAKE, r -> r.contains(person) && r.contains("DescriptionRecorded"), Duration.ofSeconds(30));
        assertThat(describedRecord).doesNotContain("食指缺一节").contains("\"heightMinCm\":165");
        EventEnvelope described = sourcing.store().codec().readEnvelope(describedRecord);
        assertThat(((DescriptionRecorded) described.payload()).marks())
                .containsExactly(
                        new DistinguishingMark(MarkKind.MISSING_FINGER, "左手", "食指缺一节"),
                        new DistinguishingMark(MarkKind.TATTOO, "右前臂", "“忍”字"));
        EventEnvelope photo = new EventCodec()
                .readEnvelope(KafkaTestClient.awaitRecord(
                        Topics.INTAKE, r -> r.contains(person) && r.contains("PhotoAdded"), Duration.ofSeconds(30)));
        assertThat(photo.payload())
                .isEqualTo(new PhotoAdded(UUID.fromString(person), hash, "image/png", 3000, PhotoKind.LATER));

        String record = given().get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String found = given().queryParam("name", "xiaomao")
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("results.personId", hasItem(person))
                .extract()
                .asString();

        given().post("/api/admin/read-models/rebuild").then().statusCode(200);

        assertThat(given().get("/api/persons/" + person).then().extract().asString())
                .isEqualTo(record);
        assertThat(given().queryParam("name", "xiaomao")
                        .get("/api/persons")
                        .then()
                        .extract()
                        .asString())
                .isEqualTo(found);
        assertThat(Arrays.equals(
                        given().get("/api/persons/" + person + "/photos/" + hash)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asByteArray(),
                        png))
                .isTrue(); // the photo store is not a read model: kept by the rebuild
    }

    /** Bytes that start with the PNG signature, unique per call. */
    static byte[] png(int size) {
        byte[] bytes = jpeg(size);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    /** Bytes that start like a JPEG (SOI and an APP0 marker), unique per call. */
    static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        if (size >= 4) {
            bytes[0] = (byte) 0xff;
            bytes[1] = (byte) 0xd8;
            bytes[2] = (byte) 0xff;
            bytes[3] = (byte) 0xe0;
        }
        return bytes;
    }

    private void badDescription(String body, String field) {
        problem(
                as("STATION_STAFF")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/persons/" + person + "/description")
                        .then(),
                400,
                field);
    }

    private static ValidatableResponse upload(
            RequestSpecification request, String person, String type, byte[] body, String kind) {
        return request.contentType(type)
                .body(body)
                .queryParam("kind", kind)
                .queryParam("occurredAt", JUNE_1)
                .post("/api/persons/" + person + "/photos")
                .then();
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TOKENS.token("user-" + role.toLowerCase(), role, null));
    }

    private String stationOf(String personId) {
        return as("STATION_STAFF")
                .get("/api/persons/" + personId)
                .then()
                .extract()
                .path("stays[0].stationId");
    }

    private long count(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
