package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Missing-person reports (寻人登记): submit, update, withdraw, list and read; partners see only their own. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class MissingPersonReportApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String FAMILY =
            "{\"reporter\":{\"kind\":\"FAMILY\",\"name\":\"王小红\",\"relation\":\"女儿\",\"phone\":\"13800000000\"},"
                    + "\"name\":\"%s\",\"otherNames\":[\"阿强\"],\"sex\":\"MALE\",\"birthYear\":1963,\"hometown\":\"湖南省邵阳市隆回县\","
                    + "\"hometownCode\":\"430524\",\"dialect\":\"湘语\",\"lastSeenOn\":\"2018-02-20\",\"lastSeenPlace\":\"邵阳汽车站\","
                    + "\"description\":\"左手缺一指\",\"occurredAt\":\"2018-03-01T10:00:00+08:00\"}";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_family_report_is_submitted_read_with_its_etag_updated_with_if_match_and_withdrawn_with_its_history() {
        String name = "王强" + unique();
        ValidatableResponse created = submit(given(), String.format(FAMILY, name))
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("status", equalTo("OPEN"))
                .body("reporter.phone", equalTo("13800000000"));
        String id = created.extract().path("reportId");

        given().get("/api/missing-person-reports/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo(name))
                .body("otherNames", contains("阿强"))
                .body("hometownCode", equalTo("430524"))
                .body("lastSeenOn", equalTo("2018-02-20"))
                .body("history.status", contains("OPEN"));
        // Police liaison reads the report without the family's contact details.
        as(TOKENS.token("POLICE_LIAISON"))
                .get("/api/missing-person-reports/" + id)
                .then()
                .statusCode(200)
                .body("reporter", not(hasKey("phone")))
                .body("reporter", not(hasKey("name")))
                .body("reporter.kind", equalTo("FAMILY"));

        // A stale If-Match is 412; the right one (PATCH or POST .../update) changes only the fields given.
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body("{\"dialect\":\"邵阳话\"}")
                .patch("/api/missing-person-reports/" + id)
                .then()
                .statusCode(412);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"dialect\":\"邵阳话\",\"occurredAt\":\"2018-03-02T10:00:00+08:00\"}")
                .patch("/api/missing-person-reports/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("dialect", equalTo("邵阳话"))
                .body("name", equalTo(name))
                .body("birthYear", equalTo(1963));
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"2\"")
                .body("{\"otherNames\":[\"阿强\",\"强伢子\"],\"occurredAt\":\"2018-03-03T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + id + "/update")
                .then()
                .statusCode(200)
                .body("otherNames", contains("阿强", "强伢子"))
                .body("dialect", equalTo("邵阳话"));

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"家属已在老家找到\",\"occurredAt\":\"2018-04-01T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + id + "/withdrawal")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("history.status", contains("OPEN", "WITHDRAWN"))
                .body("history[1].note", equalTo("家属已在老家找到"));
        given().contentType(ContentType.JSON)
                .body("{\"dialect\":\"湘语\"}")
                .post("/api/missing-person-reports/" + id + "/update")
                .then()
                .statusCode(409);

        // the read model is a projection of the report's stream: rebuilt, it reads the same
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        given().get("/api/missing-person-reports/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"")
                .body("otherNames", contains("阿强", "强伢子"))
                .body("dialect", equalTo("邵阳话"))
                .body("history.status", contains("OPEN", "WITHDRAWN"))
                .body("reporter.phone", equalTo("13800000000"));
    }

    @Test
    void the_list_filters_and_pages_and_an_idempotency_key_submits_once() {
        String tag = unique();
        String key = UUID.randomUUID().toString();
        String first = submit(given().header("Idempotency-Key", key), String.format(FAMILY, "李" + tag))
                .statusCode(201)
                .extract()
                .path("reportId");
        submit(given().header("Idempotency-Key", key), String.format(FAMILY, "李" + tag))
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("reportId", equalTo(first));
        submit(
                        given(),
                        "{\"reporter\":{\"kind\":\"IMPORTED\",\"source\":\"全国寻亲网\",\"sourceReference\":\"XQ-" + tag
                                + "\"},"
                                + "\"name\":\"李" + tag
                                + "芳\",\"sex\":\"FEMALE\",\"ageWhenLastSeen\":30,\"hometown\":\"四川省南充市\","
                                + "\"lastSeenOn\":\"2017-05-01\"}")
                .statusCode(201)
                .body("reporter.sourceReference", equalTo("XQ-" + tag));

        given().queryParam("name", tag)
                .get("/api/missing-person-reports")
                .then()
                .statusCode(200)
                .body("", hasSize(2));
        given().queryParam("name", tag)
                .queryParam("sex", "FEMALE")
                .get("/api/missing-person-reports")
                .then()
                .body("", hasSize(1))
                .body("[0].reporter.kind", equalTo("IMPORTED"))
                .body("[0]", not(hasKey("history")));
        given().queryParam("name", tag)
                .queryParam("reporterKind", "FAMILY")
                .get("/api/missing-person-reports")
                .then()
                .body("reportId", contains(first));
        given().queryParam("name", tag)
                .queryParam("lastSeenFrom", "2018-01-01")
                .get("/api/missing-person-reports")
                .then()
                .body("reportId", contains(first));
        given().queryParam("name", tag)
                .queryParam("hometown", "南充")
                .get("/api/missing-person-reports")
                .then()
                .body("", hasSize(1));
        // newest report (by when it was made) first: the imported one is dated now, the family's 2018-03-01
        given().queryParam("name", tag)
                .queryParam("limit", 1)
                .get("/api/missing-person-reports")
                .then()
                .body("", hasSize(1))
                .body("[0].reportId", not(equalTo(first)));
        given().queryParam("name", tag)
                .queryParam("limit", 1)
                .queryParam("offset", 1)
                .get("/api/missing-person-reports")
                .then()
                .body("", hasSize(1))
                .body("[0].reportId", equalTo(first));
        problem(
                given().queryParam("limit", 0)
                        .get("/api/missing-person-reports")
                        .then(),
                400,
                "limit");
        problem(
                given().queryParam("status", "LOST")
                        .get("/api/missing-person-reports")
                        .then(),
                400,
                "status");
        problem(
                given().queryParam("sex", "M")
                        .get("/api/missing-person-reports")
                        .then(),
                400,
                "sex");
        problem(
                given().queryParam("lastSeenFrom", "2018-13-01")
                        .get("/api/missing-person-reports")
                        .then(),
                400,
                "lastSeenFrom");
    }

    @Test
    void a_partner_submits_reads_lists_and_changes_only_its_own_reports() {
        String a = "ra-" + unique();
        String b = "rb-" + unique();
        for (String p : List.of(a, b)) {
            given().contentType(ContentType.JSON)
                    .body("{\"partnerId\":\"" + p + "\",\"name\":\"" + p + "\",\"kind\":\"NGO\"}")
                    .post("/api/partners")
                    .then()
                    .statusCode(201);
        }
        RequestSpecification partnerA = as(TOKENS.token(a + "-web", "PARTNER", a));
        RequestSpecification partnerB = as(TOKENS.token(b + "-web", "PARTNER", b));
        String report =
                "{\"reporter\":{\"kind\":\"PARTNER\"},\"name\":\"赵刚\",\"sex\":\"MALE\",\"lastSeenOn\":\"2018-01-05\"}";

        String ofA = submit(partnerA, report)
                .statusCode(201)
                .body("reporter.partnerId", equalTo(a))
                .extract()
                .path("reportId");
        String ofB = submit(partnerB, report).statusCode(201).extract().path("reportId");
        submit(partnerA, report.replace("\"PARTNER\"}", "\"PARTNER\",\"partnerId\":\"" + b + "\"}"))
                .statusCode(403);
        submit(partnerA, report.replace("\"PARTNER\"}", "\"POLICE\"}")).statusCode(403);

        partnerA.get("/api/missing-person-reports")
                .then()
                .statusCode(200)
                .body("reportId", hasItem(ofA))
                .body("reportId", not(hasItem(ofB)))
                .body("reporter.partnerId", Matchers.everyItem(equalTo(a)));
        partnerA.queryParam("partnerId", b)
                .get("/api/missing-person-reports")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        partnerA.get("/api/missing-person-reports/" + ofA).then().statusCode(200);
        partnerA.get("/api/missing-person-reports/" + ofB).then().statusCode(404);
        partnerA.contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/api/missing-person-reports/" + ofB + "/withdrawal")
                .then()
                .statusCode(404);
        partnerA.contentType(ContentType.JSON)
                .body("{\"description\":\"穿蓝色外套\"}")
                .patch("/api/missing-person-reports/" + ofB)
                .then()
                .statusCode(404);
        partnerA.contentType(ContentType.JSON)
                .body("{\"description\":\"穿蓝色外套\"}")
                .patch("/api/missing-person-reports/" + ofA)
                .then()
                .statusCode(200)
                .body("description", equalTo("穿蓝色外套"));
        given().get("/api/missing-person-reports/" + ofB).then().statusCode(200).body("description", equalTo(null));
        as(TOKENS.token("REPORT_VIEWER"))
                .get("/api/missing-person-reports")
                .then()
                .statusCode(403);
        as(TOKENS.token("POLICE_LIAISON"))
                .contentType(ContentType.JSON)
                .body("{\"description\":\"x\"}")
                .patch("/api/missing-person-reports/" + ofA)
                .then()
                .statusCode(403);
    }

    @Test
    void missing_fields_and_impossible_ages_and_dates_are_problem_json_naming_the_field_and_nothing_is_stored() {
        long before = TestDatabases.eventCount(dataSource);
        String ok = String.format(FAMILY, "钱" + unique());
        problem(submit(given(), ok.replaceFirst("\"name\":\"钱[^\"]*\",", "")), 400, "name");
        problem(submit(given(), ok.replace("\"sex\":\"MALE\",", "")), 400, "sex");
        problem(submit(given(), ok.replace("\"lastSeenOn\":\"2018-02-20\",", "")), 400, "lastSeenOn");
        problem(submit(given(), ok.replace(",\"phone\":\"13800000000\"", "")), 400, "reporter.phone");
        problem(submit(given(), ok.replace("\"kind\":\"FAMILY\",", "")), 400, "reporter.kind");
        problem(
                submit(
                        given(),
                        ok.replace("1963", String.valueOf(LocalDate.now().getYear() + 1))),
                400,
                "birthYear");
        problem(
                submit(
                        given(),
                        ok.replace("2018-02-20", LocalDate.now().plusDays(2).toString())
                                .replace("\"occurredAt\":\"2018-03-01T10:00:00+08:00\"", "\"description\":\"x\"")),
                400,
                "lastSeenOn");
        problem(
                submit(given(), ok.replace("2018-02-20", "2018-03-05")),
                422,
                "lastSeenOn"); // after the report was made
        problem(
                submit(given(), ok.replace("\"birthYear\":1963", "\"birthYear\":1963,\"ageWhenLastSeen\":25")),
                422,
                "ageWhenLastSeen");
        problem(submit(given(), ok.replace("\"birthYear\":1963", "\"ageWhenLastSeen\":-1")), 400, "ageWhenLastSeen");
        problem(submit(given(), ok.replace("430524", "43x524")), 400, "hometownCode");
        // an unknown region code is answered with the closest valid divisions, the one the hometown text names first
        problem(submit(given(), ok.replace("430524", "430599")), 400, "hometownCode")
                .body("errors[0].message", containsString("430524 湖南省邵阳市隆回县"));
        problem(
                submit(
                        given(),
                        ok.replace(
                                "\"kind\":\"FAMILY\"",
                                "\"kind\":\"PARTNER\",\"partnerId\":\"nobody-" + unique() + "\"")),
                422,
                "reporter.partnerId");
        problem(submit(given(), ok.replace("2018-02-20", "20.2.2018")), 400, "lastSeenOn");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);

        String id = submit(given(), ok).statusCode(201).extract().path("reportId");
        long after = TestDatabases.eventCount(dataSource);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"birthYear\":2019}")
                        .patch("/api/missing-person-reports/" + id)
                        .then(),
                422,
                "birthYear"); // born after he was last seen
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"lastSeenOn\":\"" + LocalDate.now().plusDays(2) + "\"}")
                        .post("/api/missing-person-reports/" + id + "/update")
                        .then(),
                400,
                "lastSeenOn");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"name\":\" \"}")
                        .patch("/api/missing-person-reports/" + id)
                        .then(),
                400,
                "name");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/missing-person-reports/" + id + "/withdrawal")
                        .then(),
                400,
                "reason");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(after);
        given().get("/api/missing-person-reports/" + id)
                .then()
                .body("birthYear", equalTo(1963))
                .body("status", equalTo("OPEN"));
    }

    private static ValidatableResponse submit(RequestSpecification who, String body) {
        return who.contentType(ContentType.JSON)
                .body(body)
                .post("/api/missing-person-reports")
                .then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
