package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.Period;
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
 * The duplicate-person check: a second registration of one person (the same name heard as a homophone,
 * or the same photo) is shown at admission and in the station's list of suspected pairs, with reasons;
 * a different sex or a distant age rules a pair out.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class DuplicatePersonApiTest {
    String station;
    int admitted;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @BeforeEach
    void station() {
        station = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"东莞市救助管理站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
    }

    @Test
    void a_homophone_name_of_the_same_sex_and_age_is_suspected_at_admission_with_its_reasons() {
        String first = admit("祁翀", "MALE", 45, "湖南省邵阳市").getString("personId");
        JsonPath second = admit("齐冲", "MALE", 47, "湖南邵阳");
        List<Map<String, Object>> suspected = second.getList("possibleDuplicates");
        Map<String, Object> pair =
                suspected.stream().filter(p -> involves(p, first)).findFirst().orElseThrow();
        int since = Period.between(LocalDate.of(2018, 6, 1), LocalDate.now()).getYears();
        assertThat((List<String>) pair.get("reasons"))
                .contains("姓名同音：祁翀 / 齐冲", "性别相同", "年龄相近：现约 " + (45 + since) + " 岁 / " + (47 + since) + " 岁")
                .anyMatch(r -> r.startsWith("籍贯相近"));
        assertThat((Integer) pair.get("score")).isEqualTo(40 + 10 + 20 + 20);

        String woman = admit("祁翀", "FEMALE", 45, null).getString("personId");
        String old = admit("祁翀", "MALE", 80, null).getString("personId");
        JsonPath list = given().queryParam("stationId", station)
                .get("/api/persons/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> pairs = list.getList("pairs");
        assertThat(pairs).anyMatch(p -> involves(p, first) && involves(p, second.getString("personId")));
        assertThat(pairs).noneMatch(p -> involves(p, woman)).noneMatch(p -> involves(p, old));
        assertThat(list.getLong("total")).isEqualTo(pairs.size());
    }

    @Test
    void a_pair_reviewed_as_two_people_is_not_suspected_again_and_bad_reviews_store_nothing() {
        String first = admit("瞿鸿", "MALE", 40, null).getString("personId");
        String second = admit("屈宏", "MALE", 41, null).getString("personId");
        assertThat(given().queryParam("personId", second)
                        .get("/api/persons/duplicates")
                        .then()
                        .extract()
                        .jsonPath()
                        .<Map<String, Object>>getList("pairs"))
                .anyMatch(p -> involves(p, first));

        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + first + "\",\"otherPersonId\":\"" + first + "\",\"reason\":\"x\"}")
                .post("/api/persons/duplicates/dismissals")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("otherPersonId"));
        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + first + "\",\"otherPersonId\":\"" + UUID.randomUUID()
                        + "\",\"reason\":\"x\"}")
                .post("/api/persons/duplicates/dismissals")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("otherPersonId"));
        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + first + "\",\"otherPersonId\":\"" + second + "\"}")
                .post("/api/persons/duplicates/dismissals")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        assertThat(given().queryParam("personId", second)
                        .get("/api/persons/duplicates")
                        .then()
                        .extract()
                        .jsonPath()
                        .<Map<String, Object>>getList("pairs"))
                .anyMatch(p -> involves(p, first)); // nothing stored by the refusals

        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + second + "\",\"otherPersonId\":\"" + first
                        + "\",\"reason\":\"家属核对照片，不是同一人\"}")
                .post("/api/persons/duplicates/dismissals")
                .then()
                .statusCode(201);
        assertThat(given().queryParam("personId", second)
                        .get("/api/persons/duplicates")
                        .then()
                        .extract()
                        .jsonPath()
                        .<Map<String, Object>>getList("pairs"))
                .noneMatch(p -> involves(p, first));
        given().contentType(ContentType.JSON)
                .body("{\"personId\":\"" + second + "\",\"otherPersonId\":\"" + first + "\",\"reason\":\"again\"}")
                .post("/api/persons/duplicates/dismissals")
                .then()
                .statusCode(409);
        given().get("/api/persons/" + second + "/history")
                .then()
                .statusCode(200)
                .body("eventType", Matchers.hasItem("intake.DuplicateDismissed"));
    }

    @Test
    void the_same_photo_on_two_records_is_suspected_whatever_the_names() {
        String a = admit(null, "MALE", 30, null).getString("personId");
        String b = admit(null, "UNKNOWN", null, null).getString("personId");
        byte[] png = DescriptionPhotoApiTest.png(2000);
        for (String person : List.of(a, b)) {
            given().contentType("image/png")
                    .body(png)
                    .queryParam("kind", "ADMISSION")
                    .post("/api/persons/" + person + "/photos")
                    .then()
                    .statusCode(Matchers.oneOf(200, 201));
        }
        JsonPath ofA = given().queryParam("personId", a)
                .get("/api/persons/duplicates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> pairs = ofA.getList("pairs");
        assertThat(pairs).hasSize(1);
        assertThat(involves(pairs.get(0), b)).isTrue();
        assertThat((List<String>) pairs.get(0).get("reasons")).containsExactly("两条记录有同一张照片");
    }

    @Test
    void bad_paging_and_another_station_are_refused() {
        given().queryParam("limit", 0)
                .get("/api/persons/duplicates")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().queryParam("personId", "not-a-uuid")
                .get("/api/persons/duplicates")
                .then()
                .statusCode(400);
        given().header("Authorization", "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", station))
                .queryParam("stationId", "elsewhere")
                .get("/api/persons/duplicates")
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("stationId"));
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/persons/duplicates")
                .then()
                .statusCode(403);
    }

    @SuppressWarnings("unchecked")
    private static boolean involves(Map<String, Object> pair, String personId) {
        return personId.equals(((Map<String, Object>) pair.get("a")).get("personId"))
                || personId.equals(((Map<String, Object>) pair.get("b")).get("personId"));
    }

    private JsonPath admit(String name, String sex, Integer age, String hometown) {
        StringBuilder person = new StringBuilder("{\"sex\":\"" + sex + "\",\"identified\":false");
        if (name != null) {
            person.append(",\"name\":\"").append(name).append('"');
        }
        if (age != null) {
            person.append(",\"estimatedAge\":").append(age);
        }
        if (hometown != null) {
            person.append(",\"hometown\":\"").append(hometown).append('"');
        }
        person.append('}');
        return given().contentType(ContentType.JSON)
                .body("{\"person\":" + person + ",\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"2018-06-01T" + (10 + admitted++)
                        + ":00:00+08:00\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
