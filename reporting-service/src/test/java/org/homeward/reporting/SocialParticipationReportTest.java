package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.outreach.PartnerWorkEvent.AgreementSigned;
import org.homeward.events.outreach.PartnerWorkEvent.CapacityReported;
import org.homeward.events.outreach.PartnerWorkEvent.PublicityActivityHeld;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.homeward.events.outreach.PartnerWorkEvent.VolunteerVisitsRecorded;
import org.homeward.events.outreach.ProgramEvent.PatrolConducted;
import org.homeward.events.outreach.ProgramEvent.ProgramStarted;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.outreach.PublicityKind;
import org.homeward.events.outreach.SupportKind;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.PartnerKind;
import org.homeward.reporting.report.AnnualReportResource;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Social participation figures from outreach's events, per station and period, and the annual
 * report's paragraphs written from them. 2018 at one station with one partner:
 * agreement from 2018-03-01 (another station's is not counted); capacity reported for 2018-06-30
 * and 2018-12-31 (the latter counts); support 60,000.50 supplies + 45,000 funds = 105,000.50
 * (another station's 999 is not counted; a 2017 line neither); volunteer visits 500 + 398 = 898;
 * publicity: two open days (30 + 50 people) and a media report; staff patrols: two 寒冬送温暖
 * (3 + 2 teams, 12 + 9 people) and one without a campaign (1 team, 4 people); one in 2017 not counted.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class SocialParticipationReportTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    final String station = "sp-" + UUID.randomUUID().toString().substring(0, 6);
    final String partner = "rahj-" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void figures_follow_the_events_of_the_stations_period_and_the_annual_report_tells_them() throws IOException {
        send(
                Topics.SEARCH,
                partner,
                new PartnerRegistered(partner, "让爱回家", PartnerKind.NGO),
                "2017-06-01T10:00:00+08:00");
        send(
                Topics.OUTREACH,
                partner,
                new AgreementSigned(
                        partner,
                        UUID.randomUUID(),
                        station,
                        List.of("救助管理站", "让爱回家"),
                        LocalDate.of(2018, 3, 1),
                        null,
                        List.of("街面流浪人员活动线索"),
                        List.of("医院收治流浪病人情况"),
                        "受助人员同意"),
                "2018-03-01T10:00:00+08:00");
        send(
                Topics.OUTREACH,
                partner,
                new AgreementSigned(
                        partner,
                        UUID.randomUUID(),
                        "elsewhere",
                        List.of("外站", "让爱回家"),
                        LocalDate.of(2018, 3, 1),
                        null,
                        List.of("线索"),
                        List.of(),
                        null),
                "2018-03-01T10:00:00+08:00");
        send(
                Topics.OUTREACH,
                partner,
                new CapacityReported(partner, LocalDate.of(2018, 6, 30), 20, 8, 300),
                "2018-07-01T10:00:00+08:00");
        send(
                Topics.OUTREACH,
                partner,
                new CapacityReported(partner, LocalDate.of(2018, 12, 31), 32, 12, 500),
                "2018-12-31T10:00:00+08:00");
        // published before SupportGiven became version 2 (amount in yuan): the consumer reads it upcast
        supportAsVersion1(station, SupportKind.SUPPLIES, "60000.50", "2018-05-01T10:00:00+08:00");
        support(station, SupportKind.FUNDS, "45000.00", "2018-09-01T10:00:00+08:00");
        support("elsewhere", SupportKind.FUNDS, "999.00", "2018-09-01T10:00:00+08:00");
        support(station, SupportKind.FUNDS, "7.00", "2017-09-01T10:00:00+08:00");
        send(Topics.OUTREACH, partner, new VolunteerVisitsRecorded(partner, 500, "身份问询"), "2018-06-30T10:00:00+08:00");
        send(Topics.OUTREACH, partner, new VolunteerVisitsRecorded(partner, 398, "身份问询"), "2018-12-30T10:00:00+08:00");
        activity(PublicityKind.OPEN_DAY, 30, "2018-04-01T10:00:00+08:00");
        activity(PublicityKind.OPEN_DAY, 50, "2018-10-01T10:00:00+08:00");
        activity(PublicityKind.MEDIA_REPORT, 0, "2018-11-01T10:00:00+08:00");
        UUID program = UUID.randomUUID();
        send(
                Topics.OUTREACH,
                program.toString(),
                new ProgramStarted(program, "站内工作人员巡查", ProgramKind.STAFF_PATROL, station, null),
                "2017-01-01T10:00:00+08:00");
        patrol(program, "寒冬送温暖", 3, 12, "2018-01-20T20:00:00+08:00");
        patrol(program, "寒冬送温暖", 2, 9, "2018-12-20T20:00:00+08:00");
        patrol(program, null, 1, 4, "2018-07-20T20:00:00+08:00");
        patrol(program, "寒冬送温暖", 5, 50, "2017-12-20T20:00:00+08:00");

        String query = "/api/reports/social-participation?from=2018-01-01&to=2019-01-01&stationId=" + station;
        JsonPath sp = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> given().get(query)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        j -> j.getLong("volunteerVisitsTotal") == 898
                                && j.getLong("publicityTotal") == 3
                                && j.getLong("staffPatrols.patrols") == 3
                                && j.getList("support").size() == 1
                                && new BigDecimal(j.getString("supportTotal")).compareTo(new BigDecimal("105000.50"))
                                        == 0
                                && j.getList("capacity").size() == 1
                                && "2018-12-31".equals(j.getString("capacity[0].asOf"))
                                && j.getList("agreementsInForce").size() == 1
                                && "让爱回家".equals(j.getString("support[0].partnerName")));
        assertThat(sp.getString("agreementsInForce[0].stationId")).isEqualTo(station);
        assertThat(sp.getList("agreementsInForce[0].patientInformationShared")).containsExactly("医院收治流浪病人情况");
        assertThat(sp.getInt("capacity[0].teams")).isEqualTo(32);
        assertThat(new BigDecimal(sp.getString("support[0].supplies"))).isEqualByComparingTo("60000.50");
        assertThat(new BigDecimal(sp.getString("support[0].funds"))).isEqualByComparingTo("45000.00");
        assertThat(sp.getString("currency")).isEqualTo("CNY");
        assertThat(sp.getLong("staffPatrols.teams")).isEqualTo(6);
        assertThat(sp.getLong("staffPatrols.peopleMet")).isEqualTo(25);
        assertThat(sp.getString("staffPatrols.byCampaign[0].campaign")).isEqualTo("寒冬送温暖");
        assertThat(sp.getLong("staffPatrols.byCampaign[0].patrols")).isEqualTo(2);
        assertThat(sp.getLong("publicity.find { it.kind == 'OPEN_DAY' }.participants"))
                .isEqualTo(80);
        given().get("/api/reports/social-participation/support?from=2018-01-01&to=2019-01-01&stationId=" + station)
                .then()
                .statusCode(200)
                .body("amount", Matchers.contains(60000.50f, 45000.00f));

        String html = given().accept("text/html")
                .get("/api/reports/annual?year=2018&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(html)
                .contains("救助管理站邀请“让爱回家”898人次志愿者到站开展身份问询")
                .contains("开展街面救助巡查3次、出动6队次，接触街面流浪人员25人次，其中“寒冬送温暖”专项活动2次")
                .contains("截至2018年12月31日，“让爱回家”有街面救助志愿服务队32支、救助工作室12个、志愿者500人")
                .contains("主动加强救助管理宣传。全年开展机构开放日2次、媒体报道1次，参与80人次")
                .contains("救助管理站与“让爱回家”签订救助服务合作协议（2018年3月1日起）")
                .contains("全年为“让爱回家”提供救助物资折价6万元、资金4.5万元")
                .doesNotContain("id=\"social-work\"")
                .doesNotContain("id=\"hospital\"");

        // the ledger behind the support figures as .xlsx: the same lines and amounts as the JSON
        String ledger = "/api/reports/social-participation/support?from=2018-01-01&to=2019-01-01&stationId=" + station;
        List<Map<String, Object>> lines =
                given().get(ledger).then().statusCode(200).extract().jsonPath().getList("$");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(given().accept(XLSX)
                .get(ledger)
                .then()
                .statusCode(200)
                .contentType(XLSX)
                .extract()
                .asByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(lines.size());
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).contains("台账编号", "金额", "类别");
            int amount = header.indexOf("金额");
            for (int i = 0; i < lines.size(); i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(header.indexOf("台账编号")).getStringCellValue())
                        .isEqualTo(lines.get(i).get("supportId"));
                assertThat(BigDecimal.valueOf(row.getCell(amount).getNumericCellValue()))
                        .isEqualByComparingTo(
                                new BigDecimal(String.valueOf(lines.get(i).get("amount"))));
            }
        }

        // the annual report as a Word document: the page's paragraphs, word for word, and its figures
        byte[] docx = given().accept(AnnualReportResource.DOCX)
                .get("/api/reports/annual?year=2018&stationId=" + station)
                .then()
                .statusCode(200)
                .contentType(AnnualReportResource.DOCX)
                .header("Content-Disposition", Matchers.containsString(".docx"))
                .extract()
                .asByteArray();
        List<String> paragraphs = new ArrayList<>();
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
            document.getParagraphs().forEach(p -> paragraphs.add(p.getText()));
        }
        assertThat(paragraphs.get(0)).isEqualTo("救助管理站2018年流浪乞讨人员救助管理工作报告");
        assertThat(paragraphs).contains("三、广泛动员社会参与，打造共建共治共享格局");
        assertThat(String.join("\n", paragraphs))
                .contains("开展街面救助巡查3次、出动6队次，接触街面流浪人员25人次")
                .contains("全年为“让爱回家”提供救助物资折价6万元、资金4.5万元");
        Matcher onPage = Pattern.compile("<p[^>]*>(.*?)</p>").matcher(html);
        List<String> pageParagraphs = new ArrayList<>();
        while (onPage.find()) {
            pageParagraphs.add(onPage.group(1)
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        assertThat(pageParagraphs).isNotEmpty();
        assertThat(paragraphs).containsAll(pageParagraphs);
        JsonPath annual = given().get("/api/reports/annual?year=2018&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(String.join("\n", paragraphs)).contains("全年寻亲成功" + annual.getLong("familySearch.successes") + "例");

        // a document type the report does not come in is a 406 problem
        given().accept("application/pdf")
                .get("/api/reports/annual?year=2018")
                .then()
                .statusCode(406)
                .contentType(Matchers.startsWith("application/problem+json"));
    }

    @Test
    void a_period_that_ends_before_it_starts_is_a_problem() {
        given().get("/api/reports/social-participation?from=2019-01-01&to=2018-01-01")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("from"));
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/reports/social-participation/support?from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(403);
    }

    private void support(String at, SupportKind kind, String amount, String when) {
        send(
                Topics.OUTREACH,
                partner,
                new SupportGiven(
                        partner,
                        UUID.randomUUID(),
                        at,
                        "东城街道",
                        kind,
                        "棉被",
                        new BigDecimal(amount).movePointRight(2).longValueExact(),
                        "CNY"),
                when);
    }

    /** A version-1 record as it was written to the topic: the amount in yuan, a decimal number. */
    private void supportAsVersion1(String at, SupportKind kind, String amount, String when) {
        KafkaTestClient.send(
                Topics.OUTREACH,
                partner,
                "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"outreach.SupportGiven\","
                        + "\"schemaVersion\":1,\"streamType\":\"partner-work\",\"streamId\":\"" + partner
                        + "\",\"streamVersion\":1,"
                        + "\"occurredAt\":\"" + when + "\",\"recordedAt\":\"" + OffsetDateTime.now() + "\","
                        + "\"payload\":{\"partnerId\":\"" + partner + "\",\"supportId\":\"" + UUID.randomUUID()
                        + "\",\"stationId\":\"" + at
                        + "\",\"giver\":\"东城街道\",\"kind\":\"" + kind + "\",\"description\":\"棉被\",\"amount\":" + amount
                        + ",\"currency\":\"CNY\"}}");
    }

    private void activity(PublicityKind kind, int participants, String when) {
        UUID id = UUID.randomUUID();
        send(
                Topics.OUTREACH,
                id.toString(),
                new PublicityActivityHeld(partner, id, station, kind, "活动", participants),
                when);
    }

    private static void patrol(UUID program, String campaign, int teams, int people, String when) {
        send(
                Topics.OUTREACH,
                program.toString(),
                new PatrolConducted(program, UUID.randomUUID(), campaign, "莞城", teams, people),
                when);
    }

    private static void send(String topic, String stream, DomainEvent payload, String at) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                EventTypes.currentVersion(payload.getClass()),
                "test",
                stream,
                1,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(topic, stream, new EventCodec().envelopeJson(envelope));
    }
}
