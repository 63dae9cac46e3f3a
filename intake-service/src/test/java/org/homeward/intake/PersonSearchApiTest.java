package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding a person before registering one: by characters, pinyin, initials, nickname and the other criteria. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class PersonSearchApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String JUNE_1 = "2018-06-01T09:00:00+08:00";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    String station;

    @BeforeEach
    void station() {
        station = "ps-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
    }

    @Test
    void a_returning_client_registered_as_zhang_wei_is_found_by_full_pinyin_and_by_initials() {
        String zhangWei = admit(
                "{\"name\":\"张伟\",\"sex\":\"MALE\",\"estimatedAge\":30,\"identified\":true,\"hometown\":\"湖南省邵阳市\"}");
        admit("{\"name\":\"王芳\",\"sex\":\"FEMALE\",\"estimatedAge\":30,\"identified\":true,\"hometown\":\"四川省\"}");

        search("name", "zhangwei")
                .body("total", equalTo(1))
                .body("results.personId", contains(zhangWei))
                .body("results[0].matchedOn.explanation", hasItem(containsString("拼音 zhangwei 与 zhangwei 相同")));
        search("name", "ZW")
                .body("results.personId", contains(zhangWei))
                .body("results[0].matchedOn.explanation", hasItem(containsString("首字母为 zw")));
        search("name", "Zhang Wei").body("results.personId", contains(zhangWei));
        search("name", "zhang").body("results.personId", contains(zhangWei));
        search("name", "wei")
                .body("results.personId", contains(zhangWei)) // the given name alone
                .body("results[0].matchedOn.explanation", hasItem(containsString("中一部分的拼音 wei")));
        search("name", "张伟")
                .body("results.personId", contains(zhangWei))
                .body("results[0].matchedOn.explanation", hasItem(containsString("含“张伟”")));
        search("name", "zhangfang").body("total", equalTo(0)).body("results", hasSize(0));
        // the answer says where the person was last: a returning client is not in the station now
        search("name", "zw")
                .body("results[0].lastStationId", equalTo(station))
                .body("results[0].inStation", equalTo(true));
    }

    @Test
    void a_nickname_fragment_other_criteria_and_paging() {
        String aQiang = admit("{\"sex\":\"MALE\",\"estimatedAge\":50,\"identified\":false}");
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"NICKNAME\",\"value\":\"小阿强\"}")
                .post("/api/persons/" + aQiang + "/fragments")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"HOMETOWN\",\"value\":\"贵州毕节\"}")
                .post("/api/persons/" + aQiang + "/fragments")
                .then()
                .statusCode(201);
        String li = admit(
                "{\"name\":\"李强\",\"sex\":\"MALE\",\"estimatedAge\":20,\"identified\":true,\"hometown\":\"贵州省遵义市\"}");
        String liFemale = admit(
                "{\"name\":\"李芳\",\"sex\":\"FEMALE\",\"estimatedAge\":20,\"identified\":true,\"hometown\":\"贵州\"}");

        search("name", "阿强")
                .body("results.personId", contains(aQiang))
                .body("results[0].matchedOn.explanation", hasItem("小名“小阿强”含“阿强”"));
        search("name", "aqiang").body("results.personId", contains(aQiang));
        search("name", "强").body("results.personId", containsInAnyOrder(aQiang, li));
        search("hometown", "毕节").body("results.personId", contains(aQiang));
        search("hometown", "贵州").body("total", equalTo(3));
        search("sex", "female").body("results.personId", contains(liFemale));
        // ages are today's estimate: registered in 2018 at 50, older by the years since
        given().queryParam("stationId", station)
                .queryParam("ageMin", 55)
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("results.personId", contains(aQiang))
                .body("results[0].matchedOn.field", hasItem("age"));
        given().queryParam("stationId", station)
                .queryParam("ageMax", 30)
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("results.personId", containsInAnyOrder(li, liFemale));
        given().queryParam("stationId", station)
                .queryParam("admittedFrom", "2018-06-01")
                .queryParam("admittedTo", "2018-06-01")
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        given().queryParam("stationId", station)
                .queryParam("admittedFrom", "2018-06-02")
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        given().queryParam("stationId", station)
                .queryParam("limit", 2)
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("limit", equalTo(2))
                .body("offset", equalTo(0))
                .body("results", hasSize(2));
        given().queryParam("stationId", station)
                .queryParam("limit", 2)
                .queryParam("offset", 2)
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("results", hasSize(1));
        given().queryParam("stationId", station)
                .queryParam("offset", 50)
                .get("/api/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("results", hasSize(0));
    }

    @Test
    void searches_are_audited_with_their_terms_and_purpose_and_roles_without_persons_are_refused() {
        given().header("Authorization", "Bearer " + TOKENS.token("staff-search-" + station, "STATION_STAFF", null))
                .header("X-Purpose", "CARE")
                .queryParam("name", "zhangwei")
                .queryParam("stationId", station)
                .get("/api/persons")
                .then()
                .statusCode(200);
        given().queryParam("subject", "staff-search-" + station)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("action", contains("SEARCH_PERSONS"))
                .body("purpose", contains("CARE"))
                .body("target[0]", equalTo("persons?name=zhangwei&stationId=" + station + "&limit=20&offset=0"));
        for (String role : new String[] {"REPORT_VIEWER", "OUTREACH_WORKER"}) {
            given().header("Authorization", "Bearer " + TOKENS.token(role))
                    .queryParam("name", "zw")
                    .get("/api/persons")
                    .then()
                    .statusCode(403);
        }
        given().header("Authorization", "Bearer " + TOKENS.token("partner-x", "PARTNER", "rangaihuijia"))
                .queryParam("name", "zw")
                .get("/api/persons")
                .then()
                .statusCode(403);
    }

    @Test
    void bad_criteria_are_problems_naming_the_field_and_nothing_is_audited() {
        String subject = "staff-bad-" + station;
        problem(bad(subject).queryParam("ageMin", 40).queryParam("ageMax", 30), "ageMax");
        problem(bad(subject).queryParam("ageMin", -1), "ageMin");
        problem(bad(subject).queryParam("ageMax", 200), "ageMax");
        problem(bad(subject).queryParam("limit", 0), "limit");
        problem(bad(subject).queryParam("limit", 1000), "limit");
        problem(bad(subject).queryParam("limit", "ten"), "limit");
        problem(bad(subject).queryParam("offset", -5), "offset");
        problem(
                bad(subject).queryParam("admittedFrom", "2018-06-10").queryParam("admittedTo", "2018-06-01"),
                "admittedTo");
        problem(bad(subject).queryParam("admittedFrom", "June"), "admittedFrom");
        problem(bad(subject).queryParam("name", "123"), "name");
        problem(bad(subject).queryParam("sex", "X"), "sex");
        problem(bad(subject).header("X-Purpose", "CURIOSITY").queryParam("name", "zw"), "X-Purpose");
        given().queryParam("subject", subject)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }

    private RequestSpecification bad(String subject) {
        return given().header("Authorization", "Bearer " + TOKENS.token(subject, "STATION_STAFF", null));
    }

    private static void problem(RequestSpecification request, String field) {
        request.get("/api/persons")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private ValidatableResponse search(String param, String value) {
        return given().queryParam(param, value)
                .queryParam("stationId", station)
                .get("/api/persons")
                .then()
                .statusCode(200);
    }

    private String admit(String person) {
        return given().contentType(ContentType.JSON)
                .body("{\"person\":" + person + ",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"" + JUNE_1 + "\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
    }
}
