package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HeadlessChromium;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard and the annual report as pages: their security headers, and the dashboard working under them. */
@QuarkusTest
@QuarkusTestResource(value = HomewardServiceResource.class, initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class DashboardTest {
    static final Tokens TOKENS = Tokens.forTests();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void pages_carry_a_content_security_policy_and_every_response_nosniff() {
        String page = given().get("/dashboard/").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style").doesNotContain("style=");
        given().get("/dashboard/dashboard.js").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .contentType(containsString("javascript"));
        given().get("/dashboard/dashboard.css").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .contentType(startsWith("text/css"));

        given().accept("text/html").get("/api/reports/annual?year=2018").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("style-src 'sha256-"))
                .header("Content-Security-Policy", not(containsString("script-src")));
        given().get("/api/reports/retention?asOf=2018-01-01").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", nullValue());
        io.restassured.RestAssured.given().noFilters().get("/api/reports/retention?asOf=2018-01-01").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff");
        given().header("Authorization", "Bearer " + TOKENS.token("REPORT_VIEWER"))
                .get("/api/reports/outreach/members?from=2018-01-01&to=2019-01-01&figure=rescued").then().statusCode(403)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/q/health").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void the_annual_report_is_json_unless_html_is_asked_for_first() {
        given().get("/api/reports/annual?year=2018").then().statusCode(200)
                .contentType(startsWith("application/json")).body("year", equalTo(2018));
        given().accept("application/json, text/html;q=0.5").get("/api/reports/annual?year=2018").then()
                .contentType(startsWith("application/json"));
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/reports/annual?year=2018").then().statusCode(200).contentType(startsWith("text/html"));
        given().accept("image/png").get("/api/reports/annual?year=2018").then().statusCode(406);
    }

    @Test
    void the_dashboard_ignores_a_token_in_its_url_and_works_under_its_policy_with_the_token_typed_in() {
        Path executable = HeadlessChromium.executable().orElse(null);
        Assumptions.assumeTrue(executable != null || System.getenv("CI") != null, "no chromium here: apt-get install chromium");
        assertThat(executable).as("CI installs Debian's chromium (.ci/run)").isNotNull();
        String token = TOKENS.token("REPORT_VIEWER");
        try (HeadlessChromium browser = HeadlessChromium.start(executable)) {
            browser.beforeEveryPage("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

            browser.open(dashboard + "?from=2018-01-01&to=2019-01-01&token=" + token);
            browser.await("document.body.dataset.state !== 'loading'", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.body.dataset.state").asText()).isEqualTo("needs-token");
            assertThat(browser.evaluate("document.getElementById('token').value").asText()).isEmpty();
            assertThat(browser.evaluate("location.href").asText()).doesNotContain("token=").contains("from=2018-01-01");

            browser.evaluate("document.getElementById('token').value = '" + token + "'; "
                    + "document.getElementById('load').click(); true");
            browser.await("['ready', 'error'].includes(document.body.dataset.state)", Duration.ofSeconds(60));
            assertThat(browser.evaluate("document.getElementById('error').textContent").asText()).isEmpty();
            assertThat(browser.evaluate("document.body.dataset.state").asText()).isEqualTo("ready");
            assertThat(browser.evaluate("JSON.stringify(window.cspViolations)").asText()).isEqualTo("[]");
            // and the policy is in force: a script injected into the page does not run, and says so
            browser.evaluate("const s = document.createElement('script'); s.textContent = 'window.injected = true'; "
                    + "document.body.appendChild(s); true");
            browser.await("window.cspViolations.length > 0", Duration.ofSeconds(10));
            assertThat(browser.evaluate("window.injected === true").asBoolean()).isFalse();
            assertThat(browser.evaluate("window.cspViolations[0]").asText()).startsWith("script-src");
            assertThat(browser.dom()).contains("download=\"family-search-by-channel.csv\"").contains("<svg")
                    .contains("download=\"flow.csv\"");
            assertThat(browser.evaluate("getComputedStyle(document.querySelector('header')).display").asText())
                    .isEqualTo("flex"); // the stylesheet applied
        }
    }
}
