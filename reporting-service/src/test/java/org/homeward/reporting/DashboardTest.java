package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HeadlessChromium;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard and the annual report as pages: their security headers, and the dashboard working under them. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
@QuarkusTestResource(IntakeStandIn.class)
class DashboardTest {
    static final Tokens TOKENS = Tokens.forTests();
    /** The person of each stay the test made. */
    static final Map<UUID, UUID> PERSONS = new ConcurrentHashMap<>();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @ConfigProperty(name = "homeward.intake.url")
    String intake;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void pages_carry_a_content_security_policy_and_every_response_nosniff() {
        String page = given().get("/dashboard/")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract()
                .asString();
        assertThat(page)
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .doesNotContain("<style")
                .doesNotContain("style=");
        given().get("/dashboard/dashboard.js")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .contentType(containsString("javascript"));
        given().get("/dashboard/dashboard.css")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .contentType(startsWith("text/css"));

        given().accept("text/html")
                .get("/api/reports/annual?year=2018")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("style-src 'sha256-"))
                .header("Content-Security-Policy", not(containsString("script-src")));
        given().get("/api/reports/retention?asOf=2018-01-01")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", nullValue());
        RestAssured.given()
                .noFilters()
                .get("/api/reports/retention?asOf=2018-01-01")
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", "nosniff");
        given().header("Authorization", "Bearer " + TOKENS.token("REPORT_VIEWER"))
                .get("/api/reports/outreach/members?from=2018-01-01&to=2019-01-01&figure=rescued")
                .then()
                .statusCode(403)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/q/health").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void the_annual_report_is_json_unless_html_is_asked_for_first() {
        given().get("/api/reports/annual?year=2018")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("year", equalTo(2018));
        given().accept("application/json, text/html;q=0.5")
                .get("/api/reports/annual?year=2018")
                .then()
                .contentType(startsWith("application/json"));
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/reports/annual?year=2018")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"));
        given().accept("image/png").get("/api/reports/annual?year=2018").then().statusCode(406);
    }

    @Test
    void clicking_a_bar_or_a_point_lists_the_stays_behind_it_for_staff_only_and_the_page_fits_a_phone() {
        Path executable = HeadlessChromium.executable().orElse(null);
        Assumptions.assumeTrue(
                executable != null || System.getenv("CI") != null, "no chromium here: apt-get install chromium");
        assertThat(executable).as("CI installs Debian's chromium (.ci/run)").isNotNull();
        // one station of its own: admissions 3, exits 2 (one after 46 days), retained 10 days at 2018-03-01: A only
        String station = "dash-" + UUID.randomUUID().toString().substring(0, 6);
        UUID a = stay(station, "2018-02-03T10:00:00+08:00", null, null);
        UUID b = stay(station, "2018-03-05T10:00:00+08:00", ExitType.FAMILY_PICKUP, "2018-04-20T10:00:00+08:00");
        UUID c = stay(station, "2018-05-01T10:00:00+08:00", ExitType.PLACED_IN_CARE, "2018-05-02T10:00:00+08:00");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/reports/flow?from=2018-01-01&to=2019-01-01&stationId=" + station)
                                .then()
                                .extract()
                                .jsonPath()
                                .getLong("exits")
                        == 2);

        try (HeadlessChromium browser = HeadlessChromium.start(executable)) {
            browser.beforeEveryPage("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
            browser.viewport(1280, 900, false);
            String staffToken = TOKENS.token("dashboard-staff", "STATION_STAFF", null);
            load(browser, station, staffToken);

            // the flow chart's first bar: admissions this period
            clickBar(browser, "flow", 0, 0);
            browser.await("document.body.dataset.drill === 'ready'", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.getElementById('drill-title').textContent")
                            .asText())
                    .contains("入站");
            assertThat(drillText(browser)).contains(a.toString(), b.toString(), c.toString());
            assertThat(browser.evaluate("document.querySelectorAll('#drill-table tbody tr').length")
                            .asInt())
                    .isEqualTo(3);
            // staff see each person's name, looked up in intake with their own token (intake audits it)
            assertThat(browser.evaluate(
                                    "Array.from(document.querySelectorAll('#drill-table thead th')).map(t => t.textContent)"
                                            + ".join(',')")
                            .asText())
                    .contains("人员编号,姓名");
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#drill-table td.person-name')).map(t => "
                                    + "t.textContent).sort().join(',')")
                            .asText())
                    .isEqualTo(Stream.of(a, b, c)
                            .map(s -> IntakeStandIn.nameOf(PERSONS.get(s).toString()))
                            .sorted()
                            .collect(Collectors.joining(",")));
            assertThat(given().baseUri(intake)
                            .get("/last-authorization")
                            .then()
                            .extract()
                            .asString())
                    .isEqualTo("\"Bearer " + staffToken + "\"");

            // the exits after 10 days or more: B only
            clickBar(browser, "flow", 0, 3);
            browser.await(
                    "document.body.dataset.drill === 'ready' && document.getElementById('drill-title').textContent"
                            + ".includes('10天')",
                    Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.querySelectorAll('#drill-table tbody tr').length")
                            .asInt())
                    .isEqualTo(1);
            assertThat(drillText(browser)).contains(b.toString());

            // a point of the retention line: 滞留10天以上 on 2018-03-01 (the 3rd month; the other lines are at 0) is A alone
            browser.evaluate("document.body.dataset.drill = 'none'; true");
            double[] point = point(browser, "retention", 0, 2);
            browser.click(point[0], point[1]);
            browser.await("document.body.dataset.drill === 'ready'", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.getElementById('drill-title').textContent")
                            .asText())
                    .contains("滞留10天以上")
                    .contains("2018-03-01");
            assertThat(browser.evaluate("document.querySelectorAll('#drill-table tbody tr').length")
                            .asInt())
                    .isEqualTo(1);
            assertThat(drillText(browser)).contains(a.toString());
            assertThat(browser.evaluate("JSON.stringify(window.cspViolations)").asText())
                    .isEqualTo("[]");
            screenshot(browser, "dashboard-drill-down.png");

            // nothing published yet: no marks; then flow and family search are published, and an admission back-dated
            // into 2018 is recorded afterwards: flow is marked as changed since publication, family search as published
            assertThat(badges(browser, "flow")).isEmpty();
            for (String type : new String[] {"flow", "family-search"}) {
                given().contentType("application/json")
                        .body(Map.of(
                                "type",
                                type,
                                "parameters",
                                Map.of("from", "2018-01-01", "to", "2019-01-01", "stationId", station)))
                        .post("/api/reports/publications")
                        .then()
                        .statusCode(201);
            }
            stay(station, "2018-06-01T10:00:00+08:00", null, null);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> given().get("/api/reports/flow?from=2018-01-01&to=2019-01-01&stationId=" + station)
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .getLong("admissions")
                            == 4);
            load(browser, station, TOKENS.token("dashboard-staff", "STATION_STAFF", null));
            assertThat(badges(browser, "flow")).isEqualTo("发布后有变动");
            assertThat(browser.evaluate("document.querySelector('section[data-figure=flow] .badge').title")
                            .asText())
                    .contains("admissions")
                    .doesNotContain("exits");
            assertThat(badges(browser, "channels")).startsWith("已发布 2");
            assertThat(badges(browser, "retention")).isEmpty();

            // a report viewer sees the figures, and a sentence instead of the people behind them
            browser.evaluate("sessionStorage.clear(); true");
            load(browser, station, TOKENS.token("REPORT_VIEWER"));
            clickBar(browser, "flow", 0, 0);
            browser.await("document.body.dataset.drill === 'forbidden'", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.querySelectorAll('#drill-table tr').length")
                            .asInt())
                    .isZero();
            assertThat(browser.evaluate("document.getElementById('drill-status').textContent")
                            .asText())
                    .contains("站内工作人员");
            assertThat(drillText(browser)).doesNotContain("受助人");
            given().header("Authorization", "Bearer " + TOKENS.token("REPORT_VIEWER"))
                    .contentType("application/json")
                    .body("{\"personIds\":[\"" + PERSONS.get(a) + "\"]}")
                    .post("/api/reports/person-names")
                    .then()
                    .statusCode(403);

            // a phone: one column, nothing wider than the screen, charts drawn to its width
            browser.viewport(390, 844, true);
            browser.await(
                    "Array.from(document.querySelectorAll('.chart canvas')).every(c => c.width <= 390)",
                    Duration.ofSeconds(10));
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                            .asBoolean())
                    .as(
                            "wider than the screen: %s",
                            browser.evaluate(
                                            "Array.from(document.querySelectorAll('body *'))"
                                                    + ".filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 12).map(e => e.tagName + '#' "
                                                    + "+ e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ') "
                                                    + "+ ' | innerWidth ' + innerWidth + ', scrollWidth ' + document.documentElement.scrollWidth")
                                    .asText())
                    .isTrue();
            assertThat(browser.evaluate("document.querySelector('section[data-figure=retention]').offsetLeft === "
                                    + "document.querySelector('section[data-figure=flow]').offsetLeft")
                            .asBoolean())
                    .isTrue();
            browser.evaluate("window.scrollTo(0, 0); true");
            screenshot(browser, "dashboard-phone.png");
        }
        // each look at the people behind a figure is in the audit log, under who looked
        given().queryParam("subject", "dashboard-staff")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("target", hasItem(startsWith("flow/admissions@2018-01-01..2019-01-01/" + station)))
                .body("target", hasItem(startsWith("retention/retained10Days@2018-03-01/" + station)))
                // the dashboard says why it looks: statistics, not an unspecified purpose
                .body("findAll { it.target.contains('" + station + "') }.purpose", hasSize(greaterThanOrEqualTo(2)))
                .body("findAll { it.target.contains('" + station + "') }.purpose", everyItem(equalTo("STATISTICS")));
    }

    /** Kept under target/ for a person to look at what the test saw. */
    private static void screenshot(HeadlessChromium browser, String name) {
        try {
            Files.write(Path.of("target", name), browser.screenshot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(HeadlessChromium browser, String station, String token) {
        browser.open(dashboard + "?from=2018-01-01&to=2019-01-01&stationId=" + station);
        browser.evaluate("document.getElementById('token').value = '" + token + "'; "
                + "document.getElementById('load').click(); true");
        browser.await(
                "document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'",
                Duration.ofSeconds(60));
        assertThat(browser.evaluate("document.getElementById('error').textContent")
                        .asText())
                .isEmpty();
        // the charts' entry animation over, marks are where they are drawn
        browser.await(
                "document.querySelector('section[data-figure=flow] .chart').dataset.drawn === 'true'",
                Duration.ofSeconds(30));
    }

    /** Clicks the middle of one bar, as a mouse would: its place comes from the chart's own layout. */
    private static void clickBar(HeadlessChromium browser, String figure, int series, int index) {
        JsonNode box = browser.evaluate(
                "(() => { const el = document.querySelector('section[data-figure=" + figure + "] .chart'); "
                        + "el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect(); "
                        + "const l = echarts.getInstanceByDom(el).getModel().getSeriesByIndex(" + series
                        + ").getData().getItemLayout("
                        + index + "); return {x: r.left + l.x + l.width / 2, y: r.top + l.y + l.height / 2}; })()");
        browser.click(box.get("x").asDouble(), box.get("y").asDouble());
    }

    /** Where one point of a line is drawn, in the viewport. */
    private static double[] point(HeadlessChromium browser, String figure, int series, int index) {
        JsonNode p = browser.evaluate(
                "(() => { const el = document.querySelector('section[data-figure=" + figure + "] .chart'); "
                        + "el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect(); "
                        + "const chart = echarts.getInstanceByDom(el); "
                        + "const l = chart.convertToPixel({seriesIndex: " + series + "}, [" + index
                        + ", chart.getOption().series[" + series
                        + "].data[" + index + "].value]); return {x: r.left + l[0], y: r.top + l[1]}; })()");
        return new double[] {p.get("x").asDouble(), p.get("y").asDouble()};
    }

    /** The marks beside a figure's title ("已发布 …", "发布后有变动"), once the page has asked for them. */
    private static String badges(HeadlessChromium browser, String figure) {
        return browser.evaluate("document.querySelector('section[data-figure=" + figure + "] .badges').textContent")
                .asText();
    }

    private static String drillText(HeadlessChromium browser) {
        return browser.evaluate("document.getElementById('drill-table').textContent")
                .asText();
    }

    private static UUID stay(String station, String admitted, ExitType exit, String discharged) {
        UUID stay = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        PERSONS.put(stay, person);
        send(stay, 1, new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false), admitted);
        if (exit != null) {
            send(stay, 2, new PersonDischarged(stay, person, station, exit), discharged);
        }
        return stay;
    }

    private static void send(UUID stream, long version, DomainEvent payload, String at) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
                stream.toString(),
                version,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, stream.toString(), new EventCodec().envelopeJson(envelope));
    }

    @Test
    void the_dashboard_ignores_a_token_in_its_url_and_works_under_its_policy_with_the_token_typed_in() {
        Path executable = HeadlessChromium.executable().orElse(null);
        Assumptions.assumeTrue(
                executable != null || System.getenv("CI") != null, "no chromium here: apt-get install chromium");
        assertThat(executable).as("CI installs Debian's chromium (.ci/run)").isNotNull();
        String token = TOKENS.token("REPORT_VIEWER");
        try (HeadlessChromium browser = HeadlessChromium.start(executable)) {
            browser.beforeEveryPage("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

            browser.open(dashboard + "?from=2018-01-01&to=2019-01-01&token=" + token);
            browser.await("document.body.dataset.state !== 'loading'", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.body.dataset.state").asText()).isEqualTo("needs-token");
            assertThat(browser.evaluate("document.getElementById('token').value")
                            .asText())
                    .isEmpty();
            assertThat(browser.evaluate("location.href").asText())
                    .doesNotContain("token=")
                    .contains("from=2018-01-01");

            browser.evaluate("document.getElementById('token').value = '" + token + "'; "
                    + "document.getElementById('load').click(); true");
            browser.await("['ready', 'error'].includes(document.body.dataset.state)", Duration.ofSeconds(60));
            assertThat(browser.evaluate("document.getElementById('error').textContent")
                            .asText())
                    .isEmpty();
            assertThat(browser.evaluate("document.body.dataset.state").asText()).isEqualTo("ready");
            assertThat(browser.evaluate("JSON.stringify(window.cspViolations)").asText())
                    .isEqualTo("[]");
            // and the policy is in force: a script injected into the page does not run, and says so
            browser.evaluate("const s = document.createElement('script'); s.textContent = 'window.injected = true'; "
                    + "document.body.appendChild(s); true");
            browser.await("window.cspViolations.length > 0", Duration.ofSeconds(10));
            assertThat(browser.evaluate("window.injected === true").asBoolean()).isFalse();
            assertThat(browser.evaluate("window.cspViolations[0]").asText()).startsWith("script-src");
            assertThat(browser.dom())
                    .contains("download=\"family-search-by-channel.csv\"")
                    .contains("<canvas")
                    .contains("download=\"flow.csv\"");
            assertThat(browser.evaluate("getComputedStyle(document.querySelector('header')).display")
                            .asText())
                    .isEqualTo("flex"); // the stylesheet applied
        }
    }
}
