package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.security.VerifiedTokens;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, roles, field-level protection and the audit trail. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class SecurityTest {
    static final Tokens TOKENS = Tokens.forTests();

    @Inject
    JWTParser parser;

    @Inject
    JWTAuthContextInfo context;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void health_is_open_and_everything_under_api_needs_a_valid_token() {
        given().header("Authorization", "none")
                .get("/q/health/live")
                .then()
                .statusCode(200); // /q/health also holds reconciliation (ADR 10)
        RestAssured.given().noFilters().get("/api/stations").then().statusCode(401);
        bearer("not-a-jwt").get("/api/stations").then().statusCode(401);
        bearer(TOKENS.sign(
                        "staff-1",
                        List.of("STATION_STAFF"),
                        null,
                        Tokens.ISSUER,
                        Instant.now().minusSeconds(60)))
                .get("/api/stations")
                .then()
                .statusCode(401); // expired
        bearer(Tokens.in(Path.of(System.getProperty("java.io.tmpdir"), "other-key-" + UUID.randomUUID()))
                        .token("ADMIN"))
                .get("/api/stations")
                .then()
                .statusCode(401); // signed by someone else
        bearer(TOKENS.sign(
                        "staff-1",
                        List.of("ADMIN"),
                        null,
                        "https://evil.example",
                        Instant.now().plusSeconds(600)))
                .get("/api/stations")
                .then()
                .statusCode(401); // wrong issuer
        bearer(TOKENS.token("STATION_STAFF")).get("/api/stations").then().statusCode(200);
    }

    @Test
    void a_verified_token_is_remembered_by_every_character_of_it() throws Exception {
        String admin = TOKENS.token("ADMIN");
        assertThat(parser).isInstanceOf(VerifiedTokens.class); // the parser the bearer-token check is given
        assertThat(parser.parse(admin)).isSameAs(parser.parse(admin)); // verified once, then remembered
        bearer(admin).get("/api/stations").then().statusCode(200);
        String[] parts = admin.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        bearer(parts[0] + "." + parts[1] + "." + otherSignature)
                .get("/api/stations")
                .then()
                .statusCode(401); // the remembered claims under another signature
        String[] staff = TOKENS.token("STATION_STAFF").split("\\.");
        bearer(parts[0] + "." + staff[1] + "." + parts[2])
                .get("/api/stations")
                .then()
                .statusCode(401); // other claims under the remembered signature
        bearer(admin).get("/api/stations").then().statusCode(200);
    }

    /**
     * A token verified and remembered is refused once it has expired: the memory keeps it only until its exp.
     * A parser of its own with no clock skew (the service allows 60 s past exp), so the test waits seconds.
     */
    @Test
    void a_remembered_token_is_refused_after_its_expiry() throws Exception {
        JWTAuthContextInfo noSkew = new JWTAuthContextInfo(context);
        noSkew.setClockSkew(0);
        VerifiedTokens tokens = new VerifiedTokens(noSkew);
        Instant expires = Instant.now().plusSeconds(3);
        String token = TOKENS.sign("staff-1", List.of("STATION_STAFF"), null, Tokens.ISSUER, expires);
        assertThat(tokens.parse(token)).isSameAs(tokens.parse(token)); // verified once, remembered
        while (Instant.now().getEpochSecond() <= expires.getEpochSecond()) {
            Thread.sleep(200);
        }
        assertThatThrownBy(() -> tokens.parse(token)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(token)).isInstanceOf(ParseException.class); // and stays refused
    }

    @Test
    void roles_decide_who_may_read_and_record() {
        String station = station();
        String person = admit(station, TOKENS.token("staff-wang", "STATION_STAFF", null));

        for (String role : List.of("REPORT_VIEWER", "OUTREACH_WORKER")) {
            bearer(TOKENS.token(role))
                    .get("/api/persons/" + person)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        bearer(TOKENS.token("partner-x", "PARTNER", "rangaihuijia"))
                .get("/api/persons/" + person)
                .then()
                .statusCode(403);
        bearer(TOKENS.token("partner-x", "PARTNER", "rangaihuijia"))
                .get("/api/stays?open=true")
                .then()
                .statusCode(403);
        bearer(TOKENS.token("SEARCH_TEAM"))
                .contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"SELF\"}")
                .post("/api/admissions")
                .then()
                .statusCode(403);
        bearer(TOKENS.token("STATION_STAFF"))
                .contentType(ContentType.JSON)
                .body("{\"stationId\":\"st-x1\",\"name\":\"x\"}")
                .post("/api/stations")
                .then()
                .statusCode(403);
        bearer(TOKENS.token("POLICE_LIAISON"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"ID_FRAGMENT\",\"value\":\"4305**\"}")
                .post("/api/persons/" + person + "/fragments")
                .then()
                .statusCode(201);
    }

    @Test
    void the_token_is_the_actor_of_every_event_and_health_data_is_for_care_staff_only() {
        String station = station();
        String staff = TOKENS.token("staff-wang", "STATION_STAFF", null);
        String person = admit(station, staff);
        String stay =
                bearer(staff).get("/api/persons/" + person).then().extract().path("stays[0].stayId");
        bearer(staff)
                .contentType(ContentType.JSON)
                .body("{\"hospital\":\"市第三人民医院\"}")
                .post("/api/stays/" + stay + "/hospitalizations")
                .then()
                .statusCode(201);

        given().get("/api/persons/" + person + "/history")
                .then()
                .body("find { it.eventType == 'intake.PersonAdmitted' }.actor.subject", equalTo("staff-wang"))
                .body("find { it.eventType == 'intake.PersonAdmitted' }.actor.role", equalTo("STATION_STAFF"));
        bearer(staff).get("/api/persons/" + person).then().body("stays[0].hospitalisations", hasSize(1));
        bearer(TOKENS.token("SEARCH_TEAM"))
                .get("/api/persons/" + person)
                .then()
                .body("stays[0]", not(hasKey("hospitalisations")))
                .body("stays[0]", not(hasKey("inHospital")));
    }

    @Test
    void stay_reads_are_audited_like_person_reads() {
        String station = station();
        String person = admit(station, TOKENS.token("STATION_STAFF"));
        String stay = given().get("/api/persons/" + person).then().extract().path("stays[0].stayId");
        bearer(TOKENS.token("searcher-zhao", "SEARCH_TEAM", null))
                .header("X-Purpose", "FAMILY_SEARCH")
                .get("/api/stays/" + stay)
                .then()
                .statusCode(200);
        bearer(TOKENS.token("staff-qian", "STATION_STAFF", null))
                .header("X-Purpose", "care")
                .get("/api/stays?open=true&stationId=" + station)
                .then()
                .statusCode(200);

        given().queryParam("target", stay)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("find { it.subject == 'searcher-zhao' }.action", equalTo("READ_STAY"))
                .body("find { it.subject == 'searcher-zhao' }.purpose", equalTo("FAMILY_SEARCH"));
        given().queryParam("target", station)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("find { it.subject == 'staff-qian' }.action", equalTo("READ_OPEN_STAYS"))
                .body("find { it.subject == 'staff-qian' }.purpose", equalTo("CARE"));
    }

    @Test
    void the_purpose_of_a_read_is_one_of_a_closed_list() {
        String person = admit(station(), TOKENS.token("STATION_STAFF"));
        bearer(TOKENS.token("staff-sun", "STATION_STAFF", null))
                .header("X-Purpose", "CURIOSITY")
                .get("/api/persons/" + person)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("X-Purpose"));
        given().queryParam("subject", "staff-sun")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        bearer(TOKENS.token("staff-sun", "STATION_STAFF", null))
                .header("X-Purpose", "IDENTIFICATION")
                .get("/api/persons/" + person)
                .then()
                .statusCode(200);
    }

    @Test
    void every_response_says_nosniff() {
        given().header("Authorization", "none").get("/q/health").then().header("X-Content-Type-Options", "nosniff");
        RestAssured.given()
                .noFilters()
                .get("/api/stations")
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/stations").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/api/stays/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .header("X-Content-Type-Options", "nosniff");
        bearer(TOKENS.token("REPORT_VIEWER"))
                .get("/api/stays?open=true")
                .then()
                .statusCode(403)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void every_read_of_a_person_is_audited_with_who_and_why_and_only_admin_reads_the_audit() {
        String person = admit(station(), TOKENS.token("STATION_STAFF"));
        bearer(TOKENS.token("staff-zhang", "STATION_STAFF", null))
                .header("X-Purpose", "CARE")
                .get("/api/persons/" + person)
                .then()
                .statusCode(200);
        bearer(TOKENS.token("searcher-li", "SEARCH_TEAM", null))
                .header("X-Purpose", "FAMILY_SEARCH")
                .get("/api/persons/" + person + "/history")
                .then()
                .statusCode(200);

        given().queryParam("target", person)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("subject", hasItem("staff-zhang"))
                .body("find { it.subject == 'staff-zhang' }.purpose", equalTo("CARE"))
                .body("find { it.subject == 'staff-zhang' }.action", equalTo("READ_PERSON"))
                .body("find { it.subject == 'searcher-li' }.action", equalTo("READ_PERSON_HISTORY"));
        bearer(TOKENS.token("STATION_STAFF")).get("/api/audit").then().statusCode(403);
    }

    private static String station() {
        String station = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                .post("/api/stations")
                .then()
                .statusCode(201);
        return station;
    }

    private static String admit(String station, String token) {
        return bearer(token)
                .contentType(ContentType.JSON)
                .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                        + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"2018-06-01T09:00:00+08:00\"}")
                .post("/api/admissions")
                .then()
                .statusCode(201)
                .extract()
                .path("personId");
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
