package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outreach checks what its commands name against what it knows: stations from intake's topic,
 * partners from search-service's, patrols from its own programmes. An unknown one is a 422 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class ReferenceValidationTest {
    static final Tokens TOKENS = Tokens.forTests();

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_programme_names_a_registered_station_and_a_partner_team_a_registered_partner() {
        String station = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        long before = events();
        post(
                        null,
                        "/api/programs",
                        "{\"name\":\"社工项目\",\"kind\":\"SOCIAL_WORK_PROJECT\",\"stationId\":\"" + station + "\"}")
                .statusCode(422)
                .body("errors.field", hasItem("stationId"));
        assertThat(events()).isEqualTo(before);

        Registries.station(dataSource, station);
        post(
                        null,
                        "/api/programs",
                        "{\"name\":\"社工项目\",\"kind\":\"SOCIAL_WORK_PROJECT\",\"stationId\":\"" + station + "\"}")
                .statusCode(201);
        String team = "{\"name\":\"队\",\"kind\":\"PARTNER_TEAM\",\"stationId\":\"" + station + "\",\"partnerId\":\""
                + partner + "\"}";
        post(null, "/api/programs", team).statusCode(422).body("errors.field", hasItem("partnerId"));

        Registries.partner(dataSource, partner);
        post(null, "/api/programs", team).statusCode(201);
    }

    @Test
    void volunteer_visits_are_recorded_for_registered_partners_only() {
        String partner = "vv-" + UUID.randomUUID().toString().substring(0, 8);
        String partnerToken = TOKENS.token(partner + "-integration", "PARTNER", partner);
        long before = events();
        post(null, "/api/partners/" + partner + "/volunteer-visits", "{\"visits\":3}")
                .statusCode(422)
                .body("errors.field", hasItem("partnerId"));
        post(partnerToken, "/api/partners/" + partner + "/volunteer-visits", "{\"visits\":3}")
                .statusCode(422)
                .body("errors.field", hasItem("partnerId")); // its own, but never registered
        assertThat(events()).isEqualTo(before);

        Registries.partner(dataSource, partner);
        post(partnerToken, "/api/partners/" + partner + "/volunteer-visits", "{\"visits\":3}")
                .statusCode(201);
    }

    @Test
    void a_contact_names_a_patrol_of_its_own_programme_only() {
        String station = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        String a = "pa-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "pb-" + UUID.randomUUID().toString().substring(0, 6);
        Registries.station(dataSource, station);
        Registries.partner(dataSource, a);
        Registries.partner(dataSource, b);
        String tokenA = TOKENS.token(a + "-integration", "PARTNER", a);
        String tokenB = TOKENS.token(b + "-integration", "PARTNER", b);
        String teamA = program(station, a);
        String teamB = program(station, b);
        String patrolA = post(
                        tokenA, "/api/programs/" + teamA + "/patrols", "{\"area\":\"东城\",\"teams\":1,\"peopleMet\":4}")
                .statusCode(201)
                .extract()
                .path("patrolId");
        String patrolB = post(
                        tokenB, "/api/programs/" + teamB + "/patrols", "{\"area\":\"南城\",\"teams\":1,\"peopleMet\":2}")
                .statusCode(201)
                .extract()
                .path("patrolId");
        String caseA = post(tokenA, "/api/street-cases", "{\"programId\":\"" + teamA + "\"}")
                .statusCode(201)
                .extract()
                .path("caseId");

        long before = events();
        for (String patrol : List.of(patrolB, UUID.randomUUID().toString())) {
            post(
                            tokenA,
                            "/api/street-cases/" + caseA + "/contacts",
                            "{\"services\":[\"SUPPLIES\"],\"patrolId\":\"" + patrol + "\"}")
                    .statusCode(422)
                    .body("errors.field", hasItem("patrolId"));
            post(
                            null,
                            "/api/street-cases/" + caseA + "/contacts",
                            "{\"services\":[\"SUPPLIES\"],\"patrolId\":\"" + patrol + "\"}")
                    .statusCode(422)
                    .body("errors.field", hasItem("patrolId"));
        }
        assertThat(events()).isEqualTo(before);
        post(
                        tokenA,
                        "/api/street-cases/" + caseA + "/contacts",
                        "{\"services\":[\"SUPPLIES\"],\"patrolId\":\"" + patrolA + "\"}")
                .statusCode(201);
    }

    @Test
    void a_token_without_a_known_role_reads_nothing() {
        String program = UUID.randomUUID().toString();
        List<String> reads = List.of(
                "/api/programs",
                "/api/programs/" + program,
                "/api/programs/" + program + "/quiet-cases",
                "/api/programs/" + program + "/supplies?from=2018-01-01&to=2019-01-01",
                "/api/street-cases?programId=" + program,
                "/api/street-cases/" + UUID.randomUUID(),
                "/api/partners/rangaihuijia/volunteer-visits?from=2018-01-01&to=2019-01-01",
                "/api/audit");
        for (Map.Entry<String, String> token : TOKENS.withoutAKnownRole().entrySet()) {
            for (String path : reads) {
                Response response = given().header("Authorization", "Bearer " + token.getValue())
                        .get(path);
                assertThat(response.statusCode())
                        .as(path + " with " + token.getKey())
                        .isEqualTo(403);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    private static String program(String station, String partner) {
        return post(
                        null,
                        "/api/programs",
                        "{\"name\":\"队\",\"kind\":\"PARTNER_TEAM\",\"stationId\":\"" + station + "\",\"partnerId\":\""
                                + partner + "\"}")
                .statusCode(201)
                .extract()
                .path("programId");
    }

    private static ValidatableResponse post(String token, String path, String body) {
        var request = token == null ? given() : given().header("Authorization", "Bearer " + token);
        return request.contentType(ContentType.JSON).body(body).post(path).then();
    }

    private long events() {
        return TestDatabases.eventCount(dataSource);
    }
}
