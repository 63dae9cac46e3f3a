package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.homeward.testsupport.Problems.problem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merging two records of one person and undoing it (ADR 23): while merged, every intake read follows
 * the survivor; commands to the merged-away record are refused naming the survivor; an unmerge gives
 * both records back exactly, with what was recorded meanwhile on the merged record's stays still its own.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class PersonMergeApiTest {
    String station;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @BeforeEach
    void station() {
        station = "merge-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"东莞市救助管理站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
    }

    @Test
    void a_merge_makes_every_read_follow_the_survivor_and_an_unmerge_gives_both_back_exactly() {
        Admitted first = admit("祁翀", "2018-01-05T10:00:00+08:00");
        discharge(first.stayId(), "2018-02-01T10:00:00+08:00");
        Admitted second = admit("齐冲", "2018-06-01T10:00:00+08:00");
        post("/api/persons/" + second.personId() + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"阿冲\"}")
                .statusCode(201);
        Map<String, Object> before = snapshot(first.personId(), second.personId());
        assertThat(duplicatePairs()).anyMatch(p -> p.contains(first.personId()) && p.contains(second.personId()));

        JsonPath merge = given().contentType(ContentType.JSON)
                .body("{\"mergedPersonId\":\"" + second.personId() + "\",\"reason\":\"家属辨认：同一人两次入站\"}")
                .post("/api/persons/" + first.personId() + "/merges")
                .then()
                .statusCode(201)
                .header("Location", Matchers.containsString("/api/persons/" + first.personId() + "/merges/"))
                .body("survivorId", equalTo(first.personId()))
                .body("mergedPersonId", equalTo(second.personId()))
                .body("mergedStayIds", equalTo(List.of(second.stayId())))
                .body("mergedBy", equalTo("admin-user"))
                .extract()
                .jsonPath();
        String mergeId = merge.getString("mergeId");

        JsonPath asMerged = given().get("/api/persons/" + second.personId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(asMerged.getString("person.personId"))
                .as("the merged record reads as the survivor")
                .isEqualTo(first.personId());
        assertThat(asMerged.getList("stays.stayId")).containsExactly(first.stayId(), second.stayId());
        assertThat(asMerged.getList("fragments.value")).contains("阿冲");
        assertThat(given().queryParam("name", "齐冲")
                        .queryParam("stationId", station)
                        .get("/api/persons")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("results.personId"))
                .containsExactly(first.personId());
        assertThat(duplicatePairs()).noneMatch(p -> p.contains(second.personId()));
        for (String person : List.of(first.personId(), second.personId())) {
            given().get("/api/persons/" + person + "/history").then().body("eventType", hasItem("intake.PersonMerged"));
            given().get("/api/persons/" + person + "/merges")
                    .then()
                    .statusCode(200)
                    .body("mergeId", equalTo(List.of(mergeId)));
        }
        given().get("/api/persons/" + first.personId() + "/merges/" + mergeId)
                .then()
                .statusCode(200)
                .body("reason", equalTo("家属辨认：同一人两次入站"));

        JsonPath undone = given().contentType(ContentType.JSON)
                .body("{\"reason\":\"核对指纹：不是同一人\"}")
                .post("/api/persons/" + first.personId() + "/merges/" + mergeId + "/undo")
                .then()
                .statusCode(200)
                .body("unmergeReason", equalTo("核对指纹：不是同一人"))
                .extract()
                .jsonPath();
        assertThat(undone.getString("unmergedAt")).isNotNull();
        assertThat(snapshot(first.personId(), second.personId()))
                .as("as if never merged")
                .isEqualTo(before);
        given().get("/api/persons/" + second.personId() + "/history")
                .then()
                .body("eventType", hasItem("intake.PersonUnmerged"));
    }

    @Test
    void while_merged_the_merged_record_takes_no_commands_and_what_happens_to_its_stay_stays_its_own() {
        Admitted survivor = admit("瞿鸿", "2017-03-01T10:00:00+08:00");
        discharge(survivor.stayId(), "2017-04-01T10:00:00+08:00");
        Admitted merged = admit("屈宏", "2018-06-01T10:00:00+08:00");
        String mergeId = mergeInto(survivor.personId(), merged.personId()).getString("mergeId");

        post("/api/persons/" + merged.personId() + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"小屈\"}")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("personId"))
                .body("detail", Matchers.containsString(survivor.personId()));
        post(
                        "/api/admissions",
                        "{\"personId\":\"" + survivor.personId() + "\",\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":\"POLICE\"}")
                .statusCode(409); // the merged record's stay is open: the person is in
        // recorded while merged: a discharge of the merged record's stay, a fragment on the survivor
        discharge(merged.stayId(), "2018-07-01T10:00:00+08:00");
        post("/api/persons/" + survivor.personId() + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"鸿仔\"}")
                .statusCode(201);
        assertThat(given().get("/api/persons/" + merged.personId())
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("fragments.value"))
                .containsExactly("鸿仔");

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"分开\"}")
                .post("/api/persons/" + merged.personId() + "/merges/" + mergeId + "/undo")
                .then()
                .statusCode(200);
        JsonPath back = given().get("/api/persons/" + merged.personId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(back.getString("person.personId")).isEqualTo(merged.personId());
        assertThat(back.getList("stays.stayId")).containsExactly(merged.stayId());
        assertThat(back.getString("stays[0].dischargedAt"))
                .as("its stay's discharge stays its own")
                .isNotNull();
        assertThat(back.getList("fragments")).isEmpty();
        JsonPath survivorBack = given().get("/api/persons/" + survivor.personId())
                .then()
                .extract()
                .jsonPath();
        assertThat(survivorBack.getList("stays.stayId")).containsExactly(survivor.stayId());
        assertThat(survivorBack.getList("fragments.value")).containsExactly("鸿仔");
        post("/api/persons/" + merged.personId() + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"小屈\"}")
                .statusCode(201);
    }

    @Test
    void bad_merges_and_unmerges_are_problems_naming_the_field_and_store_nothing() {
        Admitted a = admit("欧阳明", "2016-01-01T10:00:00+08:00");
        discharge(a.stayId(), "2016-02-01T10:00:00+08:00");
        Admitted b = admit("欧阳名", "2016-05-01T10:00:00+08:00");
        Admitted open = admit("区阳明", "2016-05-20T10:00:00+08:00");
        String unknown = UUID.randomUUID().toString();

        problem(
                merge(a.personId(), "{\"mergedPersonId\":\"" + a.personId() + "\",\"reason\":\"x\"}"),
                400,
                "mergedPersonId");
        problem(
                merge(a.personId(), "{\"mergedPersonId\":\"" + unknown + "\",\"reason\":\"x\"}"),
                422,
                "mergedPersonId");
        problem(merge(a.personId(), "{\"mergedPersonId\":\"" + b.personId() + "\"}"), 400, "reason");
        problem(merge(a.personId(), "{\"mergedPersonId\":\"not-a-uuid\",\"reason\":\"x\"}"), 400, "mergedPersonId");
        merge(unknown, "{\"mergedPersonId\":\"" + b.personId() + "\",\"reason\":\"x\"}")
                .statusCode(404);
        // b's and open's stays overlap: one person is not in two stays at once
        problem(
                merge(b.personId(), "{\"mergedPersonId\":\"" + open.personId() + "\",\"reason\":\"x\"}"),
                409,
                "mergedPersonId");
        problem(
                given().header(
                                "Authorization",
                                "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", "elsewhere"))
                        .contentType(ContentType.JSON)
                        .body("{\"mergedPersonId\":\"" + b.personId() + "\",\"reason\":\"x\"}")
                        .post("/api/persons/" + a.personId() + "/merges")
                        .then(),
                403,
                "survivorId");
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .contentType(ContentType.JSON)
                .body("{\"mergedPersonId\":\"" + b.personId() + "\",\"reason\":\"x\"}")
                .post("/api/persons/" + a.personId() + "/merges")
                .then()
                .statusCode(403);
        for (Admitted p : List.of(a, b, open)) {
            given().get("/api/persons/" + p.personId() + "/merges")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0));
            given().get("/api/persons/" + p.personId() + "/history")
                    .then()
                    .body("eventType", Matchers.not(hasItem("intake.PersonMerged")));
        }
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/persons/" + a.personId() + "/merges/" + UUID.randomUUID() + "/undo")
                        .then(),
                404,
                "mergeId");

        // a staff member of the station merges its own persons
        JsonPath merged = given().header(
                        "Authorization", "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", station))
                .contentType(ContentType.JSON)
                .body("{\"mergedPersonId\":\"" + b.personId() + "\",\"reason\":\"同一人\"}")
                .post("/api/persons/" + a.personId() + "/merges")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String mergeId = merged.getString("mergeId");
        problem(
                merge(open.personId(), "{\"mergedPersonId\":\"" + b.personId() + "\",\"reason\":\"x\"}"),
                409,
                "mergedPersonId");
        problem(
                merge(b.personId(), "{\"mergedPersonId\":\"" + open.personId() + "\",\"reason\":\"x\"}"),
                409,
                "survivorId");
        problem(
                merge(open.personId(), "{\"mergedPersonId\":\"" + a.personId() + "\",\"reason\":\"x\"}"),
                409,
                "mergedPersonId");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/persons/" + a.personId() + "/merges/" + mergeId + "/undo")
                        .then(),
                400,
                "reason");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/persons/" + open.personId() + "/merges/" + mergeId + "/undo")
                        .then(),
                404,
                "mergeId");
        given().get("/api/persons/" + a.personId() + "/merges").then().body("size()", equalTo(1));

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"错并\"}")
                .post("/api/persons/" + a.personId() + "/merges/" + mergeId + "/undo")
                .then()
                .statusCode(200);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"again\"}")
                        .post("/api/persons/" + a.personId() + "/merges/" + mergeId + "/undo")
                        .then(),
                409,
                "mergeId");
        assertThat(given()
                        .get("/api/persons/" + a.personId() + "/history")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("eventType")
                        .stream()
                        .filter("intake.PersonUnmerged"::equals))
                .hasSize(1);
    }

    @Test
    void a_merged_away_record_reads_as_the_survivor_in_history_pairs_and_risk_flags_and_takes_no_risk_flag() {
        Admitted survivor = admit("祁翀", "2018-01-05T10:00:00+08:00");
        discharge(survivor.stayId(), "2018-02-01T10:00:00+08:00");
        Admitted other = admit("祁冲", "2018-03-01T10:00:00+08:00");
        discharge(other.stayId(), "2018-04-01T10:00:00+08:00");
        Admitted merged = admit("齐冲", "2018-06-01T10:00:00+08:00");
        post(
                        "/api/persons/" + merged.personId() + "/risk-flags",
                        "{\"flag\":\"PHYSICAL_DISABILITY\"," + "\"occurredAt\":\"2018-06-01T12:00:00+08:00\"}")
                .statusCode(201);
        String mergeId = mergeInto(survivor.personId(), merged.personId()).getString("mergeId");

        List<List<String>> ofSurvivor = pairsOf(survivor.personId());
        assertThat(ofSurvivor).isNotEmpty().noneMatch(p -> p.contains(merged.personId()));
        assertThat(pairsOf(merged.personId()))
                .as("a merged-away record's pairs are the survivor's")
                .isEqualTo(ofSurvivor);

        JsonPath history = given().get("/api/persons/" + survivor.personId() + "/history")
                .then()
                .statusCode(200)
                .header("Content-Location", Matchers.nullValue())
                .extract()
                .jsonPath();
        assertThat(history.<String>getList("findAll { it.eventType == 'intake.PersonRegistered' }.personId"))
                .as("the survivor's history holds the merged record's, each marked with its record")
                .containsExactlyInAnyOrder(survivor.personId(), merged.personId());
        assertThat(history.<String>getList("findAll { it.streamId == '" + merged.stayId() + "' }.personId"))
                .isNotEmpty()
                .containsOnly(merged.personId());
        given().get("/api/persons/" + merged.personId() + "/history")
                .then()
                .statusCode(200)
                .header("Content-Location", equalTo("/api/persons/" + survivor.personId() + "/history"))
                .body("streamId", equalTo(history.getList("streamId")))
                .body("streamVersion", equalTo(history.getList("streamVersion")));

        String flag = "{\"flag\":\"MENTAL_DISORDER\",\"occurredAt\":\"2018-06-02T10:00:00+08:00\"}";
        post("/api/persons/" + merged.personId() + "/risk-flags", flag)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("personId"))
                .body("detail", Matchers.containsString(survivor.personId()));
        post("/api/persons/" + merged.personId() + "/risk-flags/MENTAL_DISORDER/clear", "{}")
                .statusCode(409)
                .body("errors.field", hasItem("personId"));
        // the person's flags are those of both records, read through either; the refusals stored nothing
        for (Admitted record : List.of(survivor, merged)) {
            given().get("/api/persons/" + record.personId() + "/risk-flags")
                    .then()
                    .statusCode(200)
                    .body("personId", equalTo(survivor.personId()))
                    .body("version", equalTo(0))
                    .body("current.flag", hasItem("PHYSICAL_DISABILITY"))
                    .body("history.personId", equalTo(List.of(merged.personId())));
        }
        post("/api/persons/" + survivor.personId() + "/risk-flags", flag).statusCode(201);
        // the merged record's flag is the person's: set again on the survivor is refused, cleared there it is gone
        post(
                        "/api/persons/" + survivor.personId() + "/risk-flags",
                        "{\"flag\":\"PHYSICAL_DISABILITY\"," + "\"occurredAt\":\"2018-06-03T10:00:00+08:00\"}")
                .statusCode(409)
                .body("errors.field", hasItem("flag"));
        post(
                        "/api/persons/" + survivor.personId() + "/risk-flags/PHYSICAL_DISABILITY/clear",
                        "{\"occurredAt\":\"2018-06-03T10:00:00+08:00\"}")
                .statusCode(200)
                .body("current.flag", Matchers.not(hasItem("PHYSICAL_DISABILITY")))
                .body("current.flag", hasItem("MENTAL_DISORDER"));

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"不是同一人\"}")
                .post("/api/persons/" + survivor.personId() + "/merges/" + mergeId + "/undo")
                .then()
                .statusCode(200);
        JsonPath own = given().get("/api/persons/" + merged.personId() + "/history")
                .then()
                .statusCode(200)
                .header("Content-Location", Matchers.nullValue())
                .extract()
                .jsonPath();
        assertThat(own.<String>getList("personId")).containsOnly(merged.personId());
        assertThat(given().get("/api/persons/" + survivor.personId() + "/history")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("personId"))
                .containsOnly(survivor.personId());
        assertThat(pairsOf(merged.personId())).anyMatch(p -> p.contains(merged.personId()));
        given().get("/api/persons/" + survivor.personId() + "/risk-flags")
                .then()
                .body("current.flag", Matchers.not(hasItem("PHYSICAL_DISABILITY")))
                .body("history.personId", Matchers.everyItem(equalTo(survivor.personId())));
        given().get("/api/persons/" + merged.personId() + "/risk-flags")
                .then()
                .body("personId", equalTo(merged.personId()))
                .body("current.flag", hasItem("PHYSICAL_DISABILITY"));
        post("/api/persons/" + merged.personId() + "/risk-flags", flag).statusCode(201);
    }

    @Test
    void a_survivor_merged_again_takes_its_merged_records_along_and_merges_are_undone_outer_first() {
        Admitted a = admit("甘露", "2016-01-01T10:00:00+08:00");
        discharge(a.stayId(), "2016-02-01T10:00:00+08:00");
        Admitted overlapsA = admit("甘路", "2016-01-10T10:00:00+08:00");
        discharge(overlapsA.stayId(), "2016-01-20T10:00:00+08:00");
        Admitted s = admit("干露", "2016-03-01T10:00:00+08:00");
        discharge(s.stayId(), "2016-04-01T10:00:00+08:00");
        Admitted t = admit("甘璐", "2016-05-01T10:00:00+08:00");
        Map<String, Object> before = snapshot(a.personId(), s.personId(), t.personId());
        String inner = mergeInto(s.personId(), a.personId()).getString("mergeId");

        // s takes a along: a's stay overlapping that record's refuses the merge, whichever side s is on
        problem(
                merge(overlapsA.personId(), "{\"mergedPersonId\":\"" + s.personId() + "\",\"reason\":\"x\"}"),
                409,
                "mergedPersonId");
        String outer = merge(t.personId(), "{\"mergedPersonId\":\"" + s.personId() + "\",\"reason\":\"同一人\"}")
                .statusCode(201)
                .body("mergedStayIds", equalTo(List.of(s.stayId())))
                .extract()
                .path("mergeId");

        for (Admitted record : List.of(a, s, t)) {
            JsonPath read = given().get("/api/persons/" + record.personId())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(read.getString("person.personId"))
                    .as("every record of the chain reads as the last survivor")
                    .isEqualTo(t.personId());
            assertThat(read.getList("stays.stayId")).containsExactly(a.stayId(), s.stayId(), t.stayId());
        }
        assertThat(given().queryParam("name", "甘露")
                        .queryParam("stationId", station)
                        .get("/api/persons")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("results.personId"))
                .contains(t.personId())
                .doesNotContain(a.personId(), s.personId());
        assertThat(given().get("/api/persons/" + t.personId() + "/history")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("findAll { it.eventType == 'intake.PersonRegistered' }.personId"))
                .containsExactlyInAnyOrder(a.personId(), s.personId(), t.personId());
        post("/api/persons/" + a.personId() + "/fragments", "{\"kind\":\"NICKNAME\",\"value\":\"露露\"}")
                .statusCode(409);

        // the inner merge is not undone while the outer holds: its undo would leave a reading as t without s
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/persons/" + a.personId() + "/merges/" + inner + "/undo")
                        .then(),
                409,
                "mergeId");
        assertThat(given().get("/api/persons/" + a.personId())
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("person.personId"))
                .isEqualTo(t.personId());

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"分开\"}")
                .post("/api/persons/" + t.personId() + "/merges/" + outer + "/undo")
                .then()
                .statusCode(200);
        JsonPath backToS =
                given().get("/api/persons/" + a.personId()).then().extract().jsonPath();
        assertThat(backToS.getString("person.personId"))
                .as("undoing the outer merge gives a back to s")
                .isEqualTo(s.personId());
        assertThat(backToS.getList("stays.stayId")).containsExactly(a.stayId(), s.stayId());
        assertThat(given().get("/api/persons/" + t.personId())
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("stays.stayId"))
                .containsExactly(t.stayId());

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"分开\"}")
                .post("/api/persons/" + a.personId() + "/merges/" + inner + "/undo")
                .then()
                .statusCode(200);
        assertThat(snapshot(a.personId(), s.personId(), t.personId()))
                .as("as if never merged")
                .isEqualTo(before);
    }

    private static List<List<String>> pairsOf(String person) {
        return given()
                .queryParam("personId", person)
                .get("/api/persons/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Map<String, Object>>>getList("pairs")
                .stream()
                .map(p -> List.of(
                        (String) p.get("a").get("personId"), (String) p.get("b").get("personId")))
                .toList();
    }

    record Admitted(String personId, String stayId) {}

    /** What staff see of the two records: each one's record (without its version), a name search, the suspected pairs. */
    private Map<String, Object> snapshot(String... persons) {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (String person : persons) {
            Map<String, Object> record = given().get("/api/persons/" + person)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("");
            @SuppressWarnings("unchecked")
            Map<String, Object> view = new HashMap<>((Map<String, Object>) record.get("person"));
            view.remove("version"); // the merge and its undoing are on the record's stream
            record = new HashMap<>(record);
            record.put("person", view);
            seen.put(person, record);
        }
        seen.put(
                "search",
                given().queryParam("stationId", station)
                        .get("/api/persons")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("results"));
        seen.put("duplicates", duplicatePairs());
        return seen;
    }

    private List<List<String>> duplicatePairs() {
        return given()
                .queryParam("stationId", station)
                .get("/api/persons/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Map<String, Object>>>getList("pairs")
                .stream()
                .map(p -> List.of(
                        (String) p.get("a").get("personId"), (String) p.get("b").get("personId")))
                .toList();
    }

    private JsonPath mergeInto(String survivor, String merged) {
        return merge(survivor, "{\"mergedPersonId\":\"" + merged + "\",\"reason\":\"同一人\"}")
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static ValidatableResponse merge(String survivor, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/persons/" + survivor + "/merges")
                .then();
    }

    private Admitted admit(String name, String at) {
        JsonPath admitted = post(
                        "/api/admissions",
                        "{\"person\":{\"name\":\"" + name + "\",\"sex\":\"MALE\",\"estimatedAge\":40,"
                                + "\"identified\":false},\"stationId\":\"" + station
                                + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + at + "\"}")
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Admitted(admitted.getString("personId"), admitted.getString("stayId"));
    }

    private static void discharge(String stay, String at) {
        post(
                        "/api/stays/" + stay + "/discharge",
                        "{\"exitType\":\"FAMILY_PICKUP\",\"pickedUpBy\":\"李梅\",\"relation\":\"女儿\","
                                + "\"occurredAt\":\"" + at + "\"}")
                .statusCode(Matchers.oneOf(200, 201));
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }
}
