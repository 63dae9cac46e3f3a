package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report readers get figures, never the people behind them; drill-downs are staff-only and audited. */
@QuarkusTest
@QuarkusTestResource(value = HomewardServiceResource.class, initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
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

        given().header("Authorization", viewer).get("/api/reports/retention?asOf=2018-01-01").then().statusCode(200);
        given().header("Authorization", viewer).get("/api/reports/annual?year=2018").then().statusCode(200);
        given().header("Authorization", viewer).get(members).then().statusCode(403);
        given().header("Authorization", viewer).get("/api/reports/family-search/members?from=2018-01-01&to=2019-01-01")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + TOKENS.token("p-integration", "PARTNER", "rangaihuijia"))
                .get("/api/reports/retention?asOf=2018-01-01").then().statusCode(403);
        given().header("Authorization", staff).post("/api/admin/rebuild").then().statusCode(403);

        given().header("Authorization", staff).header("X-Purpose", "MONTHLY_REVIEW").get(members).then().statusCode(200);
        given().queryParam("subject", "analyst-chen").get("/api/audit").then().statusCode(200)
                .body("action", hasItem("DRILL_DOWN")).body("purpose", hasItem("MONTHLY_REVIEW"));
    }
}
