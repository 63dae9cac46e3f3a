package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.homeward.testsupport.Problems.problem;
import static org.homeward.testsupport.RandomText.digits;
import static org.homeward.testsupport.RandomText.distinct;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.Topics;
import org.homeward.events.intake.PersonEvent.PersonMerged;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.PersonEvent.PersonUnmerged;
import org.homeward.intake.person.Person;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.PersonalDataScan;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure by crypto-shredding (ADR 33), within intake: personal values are sealed in the event store and
 * on the topic from the start; after the erasure none of them is anywhere in intake's database, the
 * history and the topic read them as null, the photo is gone (410), and bad erasures change nothing.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class PersonErasureApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventSourcing sourcing;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void an_erased_persons_values_are_nowhere_in_intake_and_the_log_still_reads() throws Exception {
        String name = distinct(3),
                nickname = distinct(2),
                hometown = "湖南省" + distinct(3) + "县",
                phone = "139" + digits(8);
        String about = "左耳缺一块" + distinct(4), hair = "花白" + distinct(3), relative = distinct(3);
        List<String> values = List.of(name, nickname, hometown, phone, about, hair, relative);
        String station = "er-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        var admitted = given().contentType(ContentType.JSON)
                .body("{\"person\":{\"name\":\"" + name + "\",\"sex\":\"FEMALE\","
                        + "\"estimatedAge\":63,\"identified\":false,\"hometown\":\"" + hometown
                        + "\",\"description\":\"" + about
                        + "\"},\"stationId\":\"" + station + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\""
                        + JUNE_1 + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract();
        String person = admitted.path("personId");
        String stay = admitted.path("stayId");
        fragment(person, "NICKNAME", nickname);
        fragment(person, "PHONE", phone);
        given().contentType(ContentType.JSON)
                .body("{\"hair\":\"" + hair + "\",\"languages\":[\"湘西话\"],\"occurredAt\":\"" + JUNE_1 + "\"}")
                .post("/api/persons/" + person + "/description")
                .then()
                .statusCode(201);
        byte[] photo = DescriptionPhotoApiTest.jpeg(2000);
        String sha = given().contentType("image/jpeg")
                .body(photo)
                .queryParam("kind", "ADMISSION")
                .post("/api/persons/" + person + "/photos")
                .then()
                .statusCode(201)
                .extract()
                .path("sha256");
        given().queryParam("name", name).get("/api/persons").then().statusCode(200); // the name goes into the audit log
        given().contentType(ContentType.JSON)
                .body("{\"exitType\":\"FAMILY_PICKUP\",\"pickedUpBy\":\"" + relative
                        + "\",\"relation\":\"儿子\",\"occurredAt\":\"2018-06-20T09:00:00+08:00\"}")
                .post("/api/stays/" + stay + "/discharge")
                .then()
                .statusCode(200);

        // sealed from the start: not in the event store, not on the topic, but the service reads them
        assertThat(hits(values, List.of()).stream().filter(h -> h.contains("event_store")))
                .isEmpty();
        String onTopic = KafkaTestClient.awaitRecord(
                Topics.INTAKE, r -> r.contains(person) && r.contains("PersonRegistered"), Duration.ofSeconds(30));
        assertThat(onTopic)
                .doesNotContain(name)
                .doesNotContain(hometown)
                .contains("\"enc\":\"v1\"")
                .contains("\"estimatedAge\":63");
        assertThat(((PersonRegistered)
                                sourcing.store().codec().readEnvelope(onTopic).payload())
                        .name())
                .isEqualTo(name);
        given().get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .body("person.name", equalTo(name))
                .body("erasure", nullValue());

        // the views hold them in clear, and the scan finds them there (so its finding nothing later means something)
        assertThat(hits(values, List.of(photo)))
                .anyMatch(h -> h.contains("person_view"))
                .anyMatch(h -> h.contains("photo_blob"))
                .anyMatch(h -> h.contains("fragment_view"))
                .anyMatch(h -> h.contains("audit_log"))
                .anyMatch(h -> h.contains("exit_detail_view"));

        // refused, nothing changed: no reason, blank reason, not ADMIN, unknown person
        problem(erase(person, "{}"), 400, "reason");
        problem(erase(person, "{\"reason\":\"  \"}"), 400, "reason");
        problem(
                as("STATION_STAFF")
                        .contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/persons/" + person + "/erasure")
                        .then(),
                403,
                null);
        problem(erase(UUID.randomUUID().toString(), "{\"reason\":\"家属撤回\"}"), 404, null);
        given().get("/api/persons/" + person).then().statusCode(200).body("person.name", equalTo(name));
        given().get("/api/persons/" + person + "/erasure").then().statusCode(404);

        erase(person, "{\"reason\":\"家属撤回寻人登记，要求删除个人信息\"}")
                .statusCode(200)
                .body("personId", equalTo(person))
                .body("erasedBy", equalTo("admin-user"))
                .body("reason", equalTo("家属撤回寻人登记，要求删除个人信息"))
                .body("erasedAt", notNullValue());

        assertThat(hits(values, List.of(photo))).isEmpty();
        String record = given().get("/api/persons/" + person)
                .then()
                .statusCode(200)
                .body("person.name", nullValue())
                .body("person.hometown", nullValue())
                .body("person.sex", equalTo("FEMALE"))
                .body("person.estimatedAge", equalTo(63))
                .body("fragments.value", hasItem(nullValue()))
                .body("erasure.reason", startsWith("家属撤回"))
                .extract()
                .asString();
        assertThat(record).doesNotContain(name).doesNotContain(nickname).doesNotContain(hair);
        String history = given().get("/api/persons/" + person + "/history")
                .then()
                .statusCode(200)
                .body("eventType", hasItem("intake.PersonErased"))
                .extract()
                .asString();
        for (String value : values) {
            assertThat(history).doesNotContain(value);
        }
        problem(given().get("/api/persons/" + person + "/photos/" + sha).then(), 410, null);
        problem(erase(person, "{\"reason\":\"again\"}"), 409, "personId");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"kind\":\"NAME\",\"value\":\"" + name + "\"}")
                        .post("/api/persons/" + person + "/fragments")
                        .then(),
                409,
                "personId");
        String registered = KafkaTestClient.awaitRecord(
                Topics.INTAKE, r -> r.contains(person) && r.contains("PersonRegistered"), Duration.ofSeconds(30));
        assertThat(((PersonRegistered) sourcing.store()
                                .codec()
                                .readEnvelope(registered)
                                .payload())
                        .name())
                .isNull();
        KafkaTestClient.awaitRecord(
                Topics.INTAKE, r -> r.contains(person) && r.contains("PersonErased"), Duration.ofSeconds(30));

        // the views rebuilt from the log equal the views cleared by the erasure
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        assertThat(given().get("/api/persons/" + person)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(record);
        assertThat(hits(values, List.of(photo))).isEmpty();
    }

    @Test
    void erasing_any_record_of_a_merged_person_erases_every_record_of_them() throws Exception {
        String station = "em-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        String survivorName = distinct(3), mergedName = distinct(3), nickname = distinct(2), why = "家属" + distinct(3);
        String relative = distinct(3);
        List<String> values = List.of(survivorName, mergedName, nickname, why, relative);
        String[] first = admit(station, survivorName, "2018-01-05T10:00:00+08:00");
        String survivor = first[0];
        given().contentType(ContentType.JSON) // one person is not in two stays at once
                .body("{\"exitType\":\"FAMILY_PICKUP\",\"pickedUpBy\":\"" + relative
                        + "\",\"relation\":\"女儿\",\"occurredAt\":\"2018-02-01T10:00:00+08:00\"}")
                .post("/api/stays/" + first[1] + "/discharge")
                .then()
                .statusCode(200);
        String merged = admit(station, mergedName, "2018-06-01T10:00:00+08:00")[0];
        fragment(merged, "NICKNAME", nickname);
        given().contentType(ContentType.JSON)
                .body("{\"mergedPersonId\":\"" + merged + "\",\"reason\":\"" + why + "辨认：同一人两次入站\"}")
                .post("/api/persons/" + survivor + "/merges")
                .then()
                .statusCode(201);
        // what an import left that quotes a cell of the person's row (its problems and detail)
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "INSERT INTO import_job (job_id, sheet, dry_run, state, created_by, problems, "
                                + "detail) VALUES (?, 'fragments', false, 'DONE', 'admin-user', ?::jsonb, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, "[{\"row\":3,\"field\":\"value\",\"message\":\"小名“" + nickname + "”已记录\"}]");
            ps.setString(3, "第3行：" + mergedName);
            ps.executeUpdate();
        }
        assertThat(hits(values, List.of()))
                .noneMatch(h -> h.contains("event_store"))
                .anyMatch(h -> h.contains("person_merge"))
                .anyMatch(h -> h.contains("import_job"));

        // the merged-away record is named: the survivor goes with it, as one person, and each record is audited
        erase(merged, "{\"reason\":\"本人要求删除个人信息\"}").statusCode(200).body("personId", equalTo(merged));
        assertThat(hits(values, List.of())).isEmpty();
        List<String> audited = sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT target FROM audit_log WHERE action = 'ERASE_PERSON' AND target IN (?, ?)",
                rs -> rs.getString(1),
                survivor,
                merged));
        assertThat(audited).containsExactlyInAnyOrder(survivor, merged);
        for (String record : List.of(survivor, merged)) {
            given().get("/api/persons/" + record + "/erasure")
                    .then()
                    .statusCode(200)
                    .body("reason", equalTo("本人要求删除个人信息"));
        }
        given().get("/api/persons/" + survivor)
                .then()
                .statusCode(200)
                .body("person.name", nullValue())
                .body("fragments.value", hasItem(nullValue()));
        problem(erase(survivor, "{\"reason\":\"again\"}"), 409, "personId");
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        assertThat(hits(values, List.of())).isEmpty();
    }

    /**
     * A merge's reason speaks of both records, so it has a key of its own that goes with either: after the merge
     * is undone, erasing one record leaves the other as it is but the reasons open nowhere, not even in the
     * other record's copies. An erased record takes part in no merge after.
     */
    @Test
    void an_undone_merges_reasons_go_with_either_record_and_an_erased_record_is_merged_no_more() throws Exception {
        String station = "eu-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        String keptName = distinct(3), erasedName = distinct(3);
        String why = "家属" + distinct(3) + "辨认", undoWhy = "指纹" + distinct(3) + "不符";
        String[] first = admit(station, keptName, "2018-01-05T10:00:00+08:00");
        String kept = first[0];
        given().contentType(ContentType.JSON)
                .body("{\"exitType\":\"FAMILY_PICKUP\",\"pickedUpBy\":\"" + distinct(3)
                        + "\",\"relation\":\"女儿\",\"occurredAt\":\"2018-02-01T10:00:00+08:00\"}")
                .post("/api/stays/" + first[1] + "/discharge")
                .then()
                .statusCode(200);
        String other = admit(station, erasedName, "2018-06-01T10:00:00+08:00")[0];
        String mergeId = given().contentType(ContentType.JSON)
                .body("{\"mergedPersonId\":\"" + other + "\",\"reason\":\"" + why + "\"}")
                .post("/api/persons/" + kept + "/merges")
                .then()
                .statusCode(201)
                .extract()
                .path("mergeId");
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"" + undoWhy + "\"}")
                .post("/api/persons/" + kept + "/merges/" + mergeId + "/undo")
                .then()
                .statusCode(200);
        assertThat(reasons(kept)).containsExactly(why, undoWhy);

        erase(other, "{\"reason\":\"本人要求删除个人信息\"}").statusCode(200);
        assertThat(reasons(kept)).containsExactly(null, null);
        assertThat(hits(List.of(why, undoWhy, erasedName), List.of())).isEmpty();
        given().get("/api/persons/" + kept).then().statusCode(200).body("person.name", equalTo(keptName));

        long events = TestDatabases.eventCount(dataSource);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"mergedPersonId\":\"" + other + "\",\"reason\":\"再次辨认\"}")
                        .post("/api/persons/" + kept + "/merges")
                        .then(),
                409,
                "mergedPersonId");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"mergedPersonId\":\"" + kept + "\",\"reason\":\"再次辨认\"}")
                        .post("/api/persons/" + other + "/merges")
                        .then(),
                409,
                null);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(events);
    }

    /** The reasons of the merges and undos in the person's own stream, as the log reads them now. */
    private List<String> reasons(String person) {
        return sourcing.inTransaction(c ->
                sourcing.store().load(c, StreamId.of(Person.STREAM, UUID.fromString(person))).events().stream()
                        .map(EventEnvelope::payload)
                        .<String>mapMulti((payload, out) -> {
                            if (payload instanceof PersonMerged m) {
                                out.accept(m.reason());
                            } else if (payload instanceof PersonUnmerged u) {
                                out.accept(u.reason());
                            }
                        })
                        .toList());
    }

    private static String[] admit(String station, String name, String at) {
        var admitted = given().contentType(ContentType.JSON)
                .body("{\"person\":{\"name\":\"" + name + "\",\"sex\":\"MALE\",\"estimatedAge\":50,"
                        + "\"identified\":false},\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + at + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract();
        return new String[] {admitted.path("personId"), admitted.path("stayId")};
    }

    private List<String> hits(List<String> values, List<byte[]> raw) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return PersonalDataScan.find(c, values, raw);
        }
    }

    private static void fragment(String person, String kind, String value) {
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"" + kind + "\",\"value\":\"" + value + "\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse erase(String person, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/persons/" + person + "/erasure")
                .then();
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TOKENS.token("user-" + role.toLowerCase(), role, null));
    }
}
