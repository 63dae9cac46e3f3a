package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.homeward.testsupport.HeadlessChromium;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SPEC §5: the 2017–2018 history built through the public API only yields exactly the figures of
 * Dongguan's 2018 report, through real Kafka and PostgreSQL; a rebuild from the topics gives the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dongguan2018ReportTest {
    static final String STATION = "&stationId=" + Dongguan2018Scenario.STATION;
    static HomewardClient api;

    @BeforeAll
    static void loadTheScenario() throws Exception {
        api = RunningPlatform.get().client();
        long started = System.nanoTime();
        Map<String, Integer> loaded = new Dongguan2018Scenario(api).run();
        System.out.printf("Scenario loaded in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, loaded);
        // Reporting follows the topics: wait until the last facts (December 2018) have arrived.
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("reporting", "/api/reports/family-search?from=2018-01-01&to=2019-01-01" + STATION)
                                        .get("successes")
                                        .asLong()
                                == 270
                        && api.get(
                                                "reporting",
                                                "/api/reports/outreach?from=2018-01-01&to=2019-01-01&partnerId=rangaihuijia"
                                                        + STATION)
                                        .get("rescued")
                                        .asLong()
                                == 481
                        && api.get("reporting", "/api/reports/retention?asOf=2019-01-01" + STATION)
                                        .get("retained10Days")
                                        .asLong()
                                == 144);
    }

    @Test
    @Order(1)
    void retention_falls_as_the_report_says() {
        JsonNode r = api.get("reporting", "/api/reports/retention-change?from=2018-01-01&to=2019-01-01" + STATION);
        assertThat(figures(r.get("from")))
                .containsEntry("retained10Days", 242L)
                .containsEntry("retained3Months", 198L)
                .containsEntry("unidentifiedRetained3Months", 175L);
        assertThat(figures(r.get("to")))
                .containsEntry("retained10Days", 144L)
                .containsEntry("retained3Months", 110L)
                .containsEntry("unidentifiedRetained3Months", 94L);
        assertThat(r.get("changePercent").get("retained10Days").decimalValue()).isEqualByComparingTo("-40.5");
        assertThat(r.get("changePercent").get("retained3Months").decimalValue()).isEqualByComparingTo("-44.4");
        assertThat(r.get("changePercent").get("unidentifiedRetained3Months").decimalValue())
                .isEqualByComparingTo("-46.3");
    }

    @Test
    @Order(2)
    void family_search_successes_by_channel_category_and_partner() {
        JsonNode fs = api.get("reporting", "/api/reports/family-search?from=2018-01-01&to=2019-01-01" + STATION);
        assertThat(fs.get("successes").asLong()).isEqualTo(270);
        assertThat(fs.get("retainedSuccesses").asLong()).isEqualTo(178);
        assertThat(fs.get("monthlyAverageRetained").decimalValue()).isEqualByComparingTo("14.8");
        assertThat(fs.get("previousYear").get("retainedSuccesses").asLong()).isEqualTo(129);
        assertThat(fs.get("retainedYoYPercent").decimalValue()).isEqualByComparingTo("38.0");
        assertThat(share(fs.get("byCategory"), "category", "STATION")).isEqualTo("109 40.4");
        assertThat(share(fs.get("byCategory"), "category", "AGENCY")).isEqualTo("109 40.4");
        assertThat(share(fs.get("byCategory"), "category", "SOCIAL")).isEqualTo("52 19.3");
        assertThat(share(fs.get("byGroup"), "group", "POLICE")).isEqualTo("86 31.9");
        assertThat(share(fs.get("byChannel"), "channel", "POLICE_FACE_RECOGNITION"))
                .startsWith("80 ");
        assertThat(share(fs.get("byChannel"), "channel", "POLICE_DNA")).startsWith("6 ");
        assertThat(share(fs.get("byPartner"), "name", "让爱回家")).startsWith("26 ");
        assertThat(share(fs.get("byPartner"), "name", "今日头条")).startsWith("20 ");
        assertThat(share(fs.get("byPartner"), "name", "宝贝回家")).startsWith("6 ");
    }

    @Test
    @Order(3)
    void persons_with_a_search_notice_in_the_second_half_year() {
        JsonNode n = api.get("reporting", "/api/reports/notices?from=2018-07-01&to=2019-01-01" + STATION);
        assertThat(n.get("persons").asLong()).isEqualTo(56);
        assertThat(n.get("monthlyAverage").decimalValue()).isEqualByComparingTo("9.3");
        assertThat(n.get("previousYearPersons").asLong()).isEqualTo(111);
        assertThat(n.get("yoyPercent").decimalValue()).isEqualByComparingTo("-49.5");
    }

    @Test
    @Order(4)
    void outreach_by_social_workers_the_hospital_post_and_the_partner_team() {
        JsonNode sw = api.get(
                "reporting",
                "/api/reports/outreach?from=2018-07-01&to=2019-01-01&programKind=SOCIAL_WORK_PROJECT" + STATION);
        assertThat(sw.get("identified").asLong()).isEqualTo(119);
        assertThat(sw.get("rescued").asLong()).isEqualTo(83);
        assertThat(sw.get("previousYear").get("identified").asLong()).isEqualTo(28);
        assertThat(sw.get("previousYear").get("rescued").asLong()).isEqualTo(8);
        assertThat(sw.get("identifiedRatio").decimalValue()).isEqualByComparingTo("4.3");
        assertThat(sw.get("rescuedRatio").decimalValue()).isEqualByComparingTo("10.4");

        JsonNode hospital = api.get(
                "reporting", "/api/reports/outreach?from=2018-10-01&to=2019-01-01&programKind=HOSPITAL_POST" + STATION);
        assertThat(hospital.get("identified").asLong()).isEqualTo(68);
        assertThat(hospital.get("rescued").asLong()).isEqualTo(43);

        JsonNode members = api.get(
                "reporting",
                "/api/reports/outreach/members?from=2018-10-01&to=2019-01-01&programKind=HOSPITAL_POST" + STATION);
        assertThat(members.size()).isEqualTo(68);
        assertThat(api.get("reporting", "/api/reports/notices/members?from=2018-07-01&to=2019-01-01" + STATION)
                        .size())
                .isEqualTo(56);
        assertThat(api.get(
                                "reporting",
                                "/api/reports/retention/members?asOf=2019-01-01&figure=unidentifiedRetained3Months"
                                        + STATION)
                        .size())
                .isEqualTo(94);

        JsonNode team = api.get(
                "reporting", "/api/reports/outreach?from=2018-01-01&to=2019-01-01&partnerId=rangaihuijia" + STATION);
        assertThat(team.get("rescued").asLong()).isEqualTo(481);
        assertThat(team.get("previousYear").get("rescued").asLong()).isEqualTo(73);
        assertThat(team.get("rescuedRatio").decimalValue()).isEqualByComparingTo("6.6");
    }

    @Test
    @Order(5)
    void resource_ratios_and_the_readable_annual_report() {
        JsonNode r = api.get("reporting", "/api/reports/resources?stationId=" + Dongguan2018Scenario.STATION);
        assertThat(r.get("perMillionNonRegisteredResidents").decimalValue()).isEqualByComparingTo("0.16");
        assertThat(r.get("perThousandKm2").decimalValue()).isEqualByComparingTo("0.41");

        // outreach's social-participation events come on several streams: wait until all have arrived
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode sp = api.get(
                            "reporting", "/api/reports/social-participation?from=2018-01-01&to=2019-01-01" + STATION);
                    return sp.get("volunteerVisitsTotal").asLong() == 898
                            && sp.get("publicityTotal").asLong() == 4
                            && sp.get("support").size() == 1
                            && sp.get("agreementsInForce").size() == 1
                            && sp.get("capacity").size() == 1
                            && sp.get("staffPatrols").get("patrols").asLong() == 1
                            && sp.get("supportTotal").decimalValue().compareTo(new BigDecimal("103000")) == 0;
                });
        String html = api.getText("reporting", "/api/reports/annual?year=2018" + STATION, "text/html");
        assertThat(html)
                .contains("救助管理站滞留10天以上人数由242人减至144人、降低40.5%")
                .contains("长期滞留3个月以上人数由198人减至110人、降低44.4%")
                .contains("其中无身份长期滞留人员由175人减至94人、降低46.3%")
                .contains("全年寻亲成功270例，其中滞留人员178例、月均14.8例，同比增长38.0%")
                .contains("核实成功109例，占总量的40.4%")
                .contains("寻亲成功86例、占总量的31.9%；其中人脸识别80例、DNA比对6例")
                .contains("借助社会力量成功寻亲52例、占总量的19.3%；其中“让爱回家”26例、“今日头条”20例、“宝贝回家”6例")
                .contains("刊播寻亲公告受助人员降至56人、月均9.3人，同比减少49.5%")
                .contains("确定了119名街面流浪人员身份，成功救助83人，分别是前一年同期的4.3倍、10.4倍")
                .contains("确定了68名流浪精神病人身份，其中43人被亲属直接从医院接领返乡")
                .contains("分别拥有0.16个、0.41个救助管理机构")
                .contains("“让爱回家”2018年共成功救助481名流浪人员，数量为前一年的6.6倍")
                // the paragraphs the data now supports (issue 12)
                .contains("为目标，实现了在站滞留人员数量止增转降。")
                .contains("救助管理站邀请“让爱回家”898人次志愿者到站开展身份问询")
                .contains("其中“寒冬送温暖”专项活动1次")
                .contains("截至2018年12月31日，“让爱回家”有街面救助志愿服务队32支、救助工作室12个、志愿者500人")
                .contains("主动加强救助管理宣传。全年开展机构开放日1次、救助公益课1次、大学生实习实践1次、媒体报道1次，参与111人次")
                .contains("救助管理站与“让爱回家”签订救助服务合作协议（2018年3月1日起）")
                .contains("全年为“让爱回家”提供救助物资折价10.3万元")
                .contains("安置率")
                .contains("周转率");
        JsonNode social =
                api.get("reporting", "/api/reports/social-participation?from=2018-01-01&to=2019-01-01" + STATION);
        assertThat(social.get("supportTotal").decimalValue()).isEqualByComparingTo("103000.00"); // over ¥100,000
        assertThat(social.get("volunteerVisitsTotal").asLong()).isEqualTo(898);
        JsonNode annual = api.get("reporting", "/api/reports/annual?year=2018" + STATION);
        assertThat(annual.get("familySearch").get("successes").asLong()).isEqualTo(270);
    }

    @Test
    @Order(6)
    void a_projection_rebuilt_from_the_topics_gives_the_same_figures() {
        String[] reports = {
            "/api/reports/retention-change?from=2018-01-01&to=2019-01-01" + STATION,
            "/api/reports/family-search?from=2018-01-01&to=2019-01-01" + STATION,
            "/api/reports/notices?from=2018-07-01&to=2019-01-01" + STATION,
            "/api/reports/outreach?from=2018-01-01&to=2019-01-01&partnerId=rangaihuijia" + STATION
        };
        Map<String, JsonNode> live = new HashMap<>();
        for (String report : reports) {
            live.put(report, api.get("reporting", report));
        }
        String before = api.get("reporting", "/api/admin/rebuild").get("state").asText();
        api.post("reporting", "/api/admin/rebuild", Map.of());
        await().atMost(Duration.ofSeconds(180))
                .until(() -> "DONE"
                        .equals(api.get("reporting", "/api/admin/rebuild")
                                .get("state")
                                .asText()));
        JsonNode progress = api.get("reporting", "/api/admin/rebuild");
        System.out.println("Rebuild: " + progress);
        assertThat(before).isEqualTo("IDLE");
        assertThat(progress.get("done").asLong())
                .isGreaterThanOrEqualTo(progress.get("total").asLong())
                .isPositive();
        for (String report : reports) {
            assertThat(api.get("reporting", report)).as(report).isEqualTo(live.get(report));
        }
    }

    @Test
    @Order(7)
    void the_dashboard_renders_the_charts_with_the_right_numbers_in_headless_chromium() throws Exception {
        Path chromium = HeadlessChromium.executable().orElse(null);
        // CI installs Debian's chromium (.ci/run); elsewhere the test needs it too, unless explicitly without a
        // browser.
        Assumptions.assumeTrue(
                chromium != null || System.getenv("CI") != null, "no chromium here: apt-get install chromium");
        assertThat(chromium)
                .as("chromium (HOMEWARD_CHROMIUM or /usr/bin/chromium)")
                .isNotNull();
        String token = Tokens.forTests().token("REPORT_VIEWER");
        String url = RunningPlatform.get().urls.get("reporting") + "/dashboard/?stationId="
                + Dongguan2018Scenario.STATION + "&from=2018-01-01&to=2019-01-01";
        String dom;
        JsonNode charts;
        try (HeadlessChromium browser = HeadlessChromium.start(chromium)) {
            browser.beforeEveryPage("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
            browser.open(url);
            browser.await("document.body.dataset.state === 'needs-token'", Duration.ofSeconds(30));
            // as a person does: paste the token into the field (never the URL) and press 刷新
            browser.evaluate("document.getElementById('token').value = '" + token + "'; "
                    + "document.getElementById('load').click(); true");
            browser.await("['ready', 'error'].includes(document.body.dataset.state)", Duration.ofSeconds(60));
            assertThat(browser.evaluate("document.getElementById('error').textContent")
                            .asText())
                    .isEmpty();
            assertThat(browser.evaluate("JSON.stringify(window.cspViolations)").asText())
                    .isEqualTo("[]");
            dom = browser.dom();
            // what each chart draws: its categories and, per series, the values of its marks
            charts = browser.evaluate(
                    "(() => { const out = {}; document.querySelectorAll('section[data-figure]').forEach(s => {"
                            + " const o = echarts.getInstanceByDom(s.querySelector('.chart')).getOption();"
                            + " out[s.dataset.figure] = {categories: o.xAxis[0].data,"
                            + " series: Object.fromEntries(o.series.map(x => [x.name, x.data.map(d => d.value)]))}; });"
                            + " return out; })()");
        }

        assertThat(dom).contains("data-state=\"ready\"");
        assertThat(dom)
                .containsPattern("id=\"card-successes\"[^>]*><div>[^<]*</div><div class=\"n\">270<")
                .containsPattern("id=\"card-retained\"[^>]*><div>[^<]*</div><div class=\"n\">178<")
                .containsPattern("id=\"card-notices\"[^>]*><div>[^<]*</div><div class=\"n\">56<")
                .containsPattern("id=\"card-retention\"[^>]*><div>[^<]*</div><div class=\"n\">144<");
        assertThat(drawn(charts, "retention", "滞留10天以上", "2018-01-01")).isEqualTo(242);
        assertThat(drawn(charts, "retention", "长期滞留3个月以上", "2019-01-01")).isEqualTo(110);
        assertThat(drawn(charts, "channels", "成功例数", "人脸识别")).isEqualTo(80);
        assertThat(drawn(charts, "channels", "成功例数", "站内问询")).isEqualTo(109);
        assertThat(drawn(charts, "outreach", "成功救助", "社会力量")).isEqualTo(481);
        assertThat(drawn(charts, "outreach", "确定身份", "驻医院")).isEqualTo(68);
        assertThat(dom).contains("download=\"family-search-by-channel.csv\"").contains("data:text/csv");
    }

    /** The value a chart draws for one series at one category. */
    private static long drawn(JsonNode charts, String figure, String series, String category) {
        JsonNode chart = charts.get(figure);
        for (int i = 0; i < chart.get("categories").size(); i++) {
            if (chart.get("categories").get(i).asText().equals(category)) {
                return chart.get("series").get(series).get(i).asLong();
            }
        }
        throw new AssertionError(figure + " draws no " + category + ": " + chart);
    }

    private static Map<String, Long> figures(JsonNode retention) {
        Map<String, Long> figures = new HashMap<>();
        retention.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                figures.put(e.getKey(), e.getValue().asLong());
            }
        });
        return figures;
    }

    private static String share(JsonNode rows, String keyField, String key) {
        for (JsonNode row : rows) {
            if (row.get(keyField).asText().equals(key)) {
                JsonNode share = row.get("sharePercent");
                return row.get("count").asLong() + " "
                        + (share.isNull() ? "null" : share.decimalValue().toPlainString());
            }
        }
        return "absent";
    }
}
