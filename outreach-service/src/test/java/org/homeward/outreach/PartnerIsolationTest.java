package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two partners × the outreach endpoints: a partner team's programmes and cases are its own; others do not exist for it. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class PartnerIsolationTest {
    static final Tokens TOKENS = Tokens.forTests();
    final String a = "pa-" + UUID.randomUUID().toString().substring(0, 6);
    final String b = "pb-" + UUID.randomUUID().toString().substring(0, 6);
    final String tokenA = TOKENS.token(a + "-integration", "PARTNER", a);
    final String tokenB = TOKENS.token(b + "-integration", "PARTNER", b);

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void no_crossing_between_partners_or_into_the_stations_own_programmes() {
        Registries.station(dataSource, "dg");
        Registries.partner(dataSource, a);
        Registries.partner(dataSource, b);
        String teamA = program("PARTNER_TEAM", a);
        String teamB = program("PARTNER_TEAM", b);
        String socialWork = program("SOCIAL_WORK_PROJECT", null);

        as(tokenA, "GET", "/api/programs", null)
                .statusCode(200)
                .body("programId", hasItem(teamA))
                .body("programId", not(hasItem(teamB)))
                .body("programId", not(hasItem(socialWork)));
        as(tokenA, "GET", "/api/programs/" + teamA, null).statusCode(200);
        as(tokenA, "GET", "/api/programs/" + teamB, null).statusCode(404);
        as(tokenA, "GET", "/api/programs/" + socialWork, null).statusCode(404);
        as(
                        tokenA,
                        "POST",
                        "/api/programs",
                        "{\"name\":\"x\",\"kind\":\"PARTNER_TEAM\",\"stationId\":\"dg\",\"partnerId\":\"" + a + "\"}")
                .statusCode(403);

        String caseA = as(tokenA, "POST", "/api/street-cases", "{\"programId\":\"" + teamA + "\"}")
                .statusCode(201)
                .extract()
                .path("caseId");
        as(tokenA, "POST", "/api/street-cases", "{\"programId\":\"" + teamB + "\"}")
                .statusCode(404);
        as(tokenA, "POST", "/api/street-cases", "{\"programId\":\"" + socialWork + "\"}")
                .statusCode(404);
        String staffCase = given().contentType(ContentType.JSON)
                .body("{\"programId\":\"" + socialWork + "\"}")
                .post("/api/street-cases")
                .then()
                .statusCode(201)
                .extract()
                .path("caseId");

        for (String other : new String[] {caseA, staffCase}) {
            String token = other.equals(caseA) ? tokenB : tokenA;
            as(token, "GET", "/api/street-cases/" + other, null).statusCode(404);
            as(token, "POST", "/api/street-cases/" + other + "/contacts", "{\"services\":[\"SUPPLIES\"]}")
                    .statusCode(404);
            as(token, "POST", "/api/street-cases/" + other + "/identification", "{\"name\":\"x\"}")
                    .statusCode(404);
            as(token, "POST", "/api/street-cases/" + other + "/outcome", "{\"outcome\":\"REUNITED\"}")
                    .statusCode(404);
            as(
                            token,
                            "POST",
                            "/api/street-cases/" + other + "/outcome/corrections",
                            "{\"outcome\":\"REUNITED\",\"reason\":\"x\"}")
                    .statusCode(404);
        }
        as(tokenB, "GET", "/api/street-cases?programId=" + teamA, null).statusCode(404);
        as(tokenB, "POST", "/api/programs/" + teamA + "/patrols", "{\"area\":\"x\",\"teams\":1,\"peopleMet\":1}")
                .statusCode(404);

        as(tokenA, "POST", "/api/street-cases/" + caseA + "/contacts", "{\"services\":[\"PERSUASION\"]}")
                .statusCode(201);
        as(tokenA, "POST", "/api/street-cases/" + caseA + "/outcome", "{\"outcome\":\"REUNITED\"}")
                .statusCode(200)
                .body("outcome", equalTo("REUNITED"));
        as(tokenA, "GET", "/api/street-cases?programId=" + teamA, null)
                .statusCode(200)
                .body("caseId", hasItem(caseA));

        as(tokenA, "POST", "/api/partners/" + b + "/volunteer-visits", "{\"visits\":3}")
                .statusCode(403);
        as(tokenA, "POST", "/api/partners/" + a + "/volunteer-visits", "{\"visits\":3}")
                .statusCode(201);
        as(tokenB, "GET", "/api/partners/" + a + "/volunteer-visits?from=2018-01-01&to=2030-01-01", null)
                .statusCode(403);
        as(TOKENS.token("REPORT_VIEWER"), "GET", "/api/programs", null).statusCode(403);
    }

    @Test
    void a_partner_over_its_rate_gets_429_with_retry_after() {
        String token = TOKENS.token(
                "busy-integration",
                "PARTNER",
                "pc-" + UUID.randomUUID().toString().substring(0, 6));
        int status = 0;
        for (int i = 0; i < 45 && status != 429; i++) {
            status = as(token, "GET", "/api/programs", null).extract().statusCode();
        }
        Assertions.assertThat(status).isEqualTo(429);
        as(token, "GET", "/api/programs", null)
                .statusCode(429)
                .header("Retry-After", Matchers.notNullValue())
                .contentType(Matchers.startsWith("application/problem+json"));
        given().get("/api/programs").then().statusCode(200); // staff are not held back
    }

    private static String program(String kind, String partner) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"项目\",\"kind\":\"" + kind + "\",\"stationId\":\"dg\""
                        + (partner == null ? "" : ",\"partnerId\":\"" + partner + "\"") + "}")
                .post("/api/programs")
                .then()
                .statusCode(201)
                .extract()
                .path("programId");
    }

    private static ValidatableResponse as(String token, String method, String path, String body) {
        var request = given().header("Authorization", "Bearer " + token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.request(method, path).then();
    }
}
