package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report resources share one reading of their dates, station and knownAt (ADR 42): a missing, blank,
 * malformed, out-of-range or reversed date is a problem+json naming the parameter and saying what is
 * wrong, on every report and drill-down, and a refused drill-down leaves no trace in the audit log.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class ReportParametersTest {
    static final Tokens TOKENS = Tokens.forTests();

    static final List<String> OVER_A_PERIOD = List.of(
            "retention-series?",
            "retention-change?",
            "family-search?",
            "family-search/monthly?",
            "family-search/members?",
            "notices?",
            "notices/members?",
            "outreach?",
            "outreach/members?",
            "flow?",
            "flow/members?figure=exits&",
            "social-participation?",
            "social-participation/support?");

    static final List<String> ON_A_DAY =
            List.of("retention?", "retention/members?figure=inStation&", "at-risk?", "at-risk/members?figure=atRisk&");

    /** A staff member of their own, so the audit log shows only what these requests left. */
    static final String STAFF = "Bearer " + TOKENS.token("parameter-checker", "STATION_STAFF", null);

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_bad_period_is_a_problem_naming_the_bound_on_every_report() {
        for (String report : OVER_A_PERIOD) {
            refused(report + "to=2019-01-01", "from", "is required (YYYY-MM-DD)");
            refused(report + "from=&to=2019-01-01", "from", "is required (YYYY-MM-DD)");
            refused(report + "from=2018-01-01&to=", "to", "is required (YYYY-MM-DD)");
            refused(report + "from=2018-02-30&to=2019-01-01", "from", "must be a date YYYY-MM-DD");
            refused(report + "from=2018-01-01&to=next-year", "to", "must be a date YYYY-MM-DD");
            refused(report + "from=1900-01-01&to=2019-01-01", "from", "is out of range");
            refused(report + "from=2019-01-01&to=2018-01-01", "from", "must be before to");
        }
        refused("flow?from=1990-01-01&to=2018-01-01", "to", "a flow period spans at most 20 years");
        refused("retention-series?from=1990-01-01&to=2018-01-01", "to", "a series spans at most 20 years");
    }

    @Test
    void a_bad_day_is_a_problem_naming_asOf_on_every_report() {
        for (String report : ON_A_DAY) {
            refused(report + "stationId=x", "asOf", "is required (YYYY-MM-DD)");
            refused(report + "asOf=", "asOf", "is required (YYYY-MM-DD)");
            refused(report + "asOf=2018-13-01", "asOf", "must be a date YYYY-MM-DD");
            refused(report + "asOf=2201-01-01", "asOf", "is out of range");
        }
    }

    @Test
    void a_refused_drill_down_leaves_no_trace_and_a_blank_station_is_every_station() {
        for (String drillDown : List.of(
                "flow/members?figure=exits&from=2018-02-30&to=2019-01-01",
                "family-search/members?to=2019-01-01",
                "retention/members?figure=inStation&asOf=someday")) {
            given().header("Authorization", STAFF)
                    .get("/api/reports/" + drillDown)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(given().queryParam("subject", "parameter-checker")
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("action"))
                .isEmpty();

        String all = given().get("/api/reports/family-search?from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(given().get("/api/reports/family-search?from=2018-01-01&to=2019-01-01&stationId=")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(all);
    }

    private static void refused(String report, String field, String message) {
        Response response = given().get("/api/reports/" + report);
        assertThat(response.statusCode()).as(report).isEqualTo(400);
        assertThat(response.contentType()).as(report).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("errors[0].field")).as(report).isEqualTo(field);
        assertThat(response.jsonPath().getString("errors[0].message"))
                .as(report)
                .isEqualTo(message);
    }
}
