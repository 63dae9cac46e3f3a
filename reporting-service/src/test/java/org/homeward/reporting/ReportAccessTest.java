package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report readers get figures, never the people behind them; drill-downs are staff-only and audited. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class ReportAccessTest {
    static final Tokens TOKENS = Tokens.forTests();

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void figures_for_report_readers_members_for_staff_only_and_every_drill_down_audited() {
        String viewer = "Bearer " + TOKENS.token("REPORT_VIEWER");
        String staff = "Bearer " + TOKENS.token("analyst-chen", "STATION_STAFF", null);
        String members = "/api/reports/retention/members?asOf=2018-01-01&figure=retained3Months";

        given().header("Authorization", viewer)
                .get("/api/reports/retention?asOf=2018-01-01")
                .then()
                .statusCode(200);
        given().header("Authorization", viewer)
                .get("/api/reports/annual?year=2018")
                .then()
                .statusCode(200);
        given().header("Authorization", viewer).get(members).then().statusCode(403);
        given().header("Authorization", viewer)
                .get("/api/reports/family-search/members?from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + TOKENS.token("p-integration", "PARTNER", "rangaihuijia"))
                .get("/api/reports/retention?asOf=2018-01-01")
                .then()
                .statusCode(403);
        given().header("Authorization", staff).post("/api/admin/rebuild").then().statusCode(403);

        given().header("Authorization", staff)
                .header("X-Purpose", "MONTHLY_REVIEW")
                .get(members)
                .then()
                .statusCode(200);
        given().queryParam("subject", "analyst-chen")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("action", hasItem("DRILL_DOWN"))
                .body("purpose", hasItem("MONTHLY_REVIEW"));
    }

    @Test
    void outreach_drill_downs_are_for_staff_search_team_and_admin_like_every_drill_down() {
        String outreachMembers = "/api/reports/outreach/members?from=2018-01-01&to=2019-01-01";
        for (String role : List.of("OUTREACH_WORKER", "REPORT_VIEWER", "POLICE_LIAISON")) {
            given().header("Authorization", "Bearer " + TOKENS.token(role))
                    .get(outreachMembers)
                    .then()
                    .statusCode(403);
        }
        for (String role : List.of("STATION_STAFF", "SEARCH_TEAM", "ADMIN")) {
            given().header("Authorization", "Bearer " + TOKENS.token(role))
                    .get(outreachMembers)
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", "Bearer " + TOKENS.token("OUTREACH_WORKER"))
                .get("/api/reports/outreach?from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(200); // the figures stay theirs
    }

    @Test
    void a_token_without_a_known_role_reads_nothing() {
        List<String> reads = List.of(
                "/api/reports/retention?asOf=2018-01-01",
                "/api/reports/retention/members?asOf=2018-01-01&figure=retained3Months",
                "/api/reports/retention-series?from=2018-01-01&to=2019-01-01",
                "/api/reports/retention-change?from=2018-01-01&to=2019-01-01",
                "/api/reports/family-search?from=2018-01-01&to=2019-01-01",
                "/api/reports/family-search/monthly?from=2018-01-01&to=2019-01-01",
                "/api/reports/family-search/members?from=2018-01-01&to=2019-01-01",
                "/api/reports/notices?from=2018-01-01&to=2019-01-01",
                "/api/reports/notices/members?from=2018-01-01&to=2019-01-01",
                "/api/reports/outreach?from=2018-01-01&to=2019-01-01",
                "/api/reports/outreach/members?from=2018-01-01&to=2019-01-01",
                "/api/reports/flow?from=2018-01-01&to=2019-01-01",
                "/api/reports/flow/members?from=2018-01-01&to=2019-01-01&figure=exits",
                "/api/reports/social-participation?from=2018-01-01&to=2019-01-01",
                "/api/reports/social-participation/support?from=2018-01-01&to=2019-01-01",
                "/api/reports/resources",
                "/api/reports/annual?year=2018",
                "/api/admin/rebuild",
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
}
