package org.homeward.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.reporting.report.SocialParticipationReport.Activities;
import org.homeward.reporting.report.SocialParticipationReport.Agreement;
import org.homeward.reporting.report.SocialParticipationReport.Campaign;
import org.homeward.reporting.report.SocialParticipationReport.Capacity;
import org.homeward.reporting.report.SocialParticipationReport.SocialParticipation;
import org.homeward.reporting.report.SocialParticipationReport.StaffPatrols;
import org.homeward.reporting.report.SocialParticipationReport.Support;
import org.homeward.reporting.report.SocialParticipationReport.Visits;
import org.junit.jupiter.api.Test;

/** The annual report's words follow its numbers: direction, trend, and no paragraph for a programme with nothing to report. */
class AnnualReportTextTest {
    static final LocalDate JAN_1 = LocalDate.of(2018, 1, 1);

    @Test
    void retention_that_rose_reads_increased_and_one_that_fell_after_rising_reads_stopped_rising() {
        String rising = html(annual(retention(0, 242), retention(0, 0), nothing(), empty()));
        assertThat(rising)
                .contains("滞留10天以上人数由0人增至242人；")
                .doesNotContain("减至242人")
                .contains("在站滞留人员数量有所增加");

        String falling = html(annual(retention(242, 144), retention(0, 242), nothing(), empty()));
        assertThat(falling).contains("滞留10天以上人数由242人减至144人、降低40.5%").contains("为目标，实现了在站滞留人员数量止增转降。");

        String flat = html(annual(retention(50, 50), retention(60, 50), nothing(), empty()));
        assertThat(flat)
                .contains("滞留10天以上人数年初、年末均为50人，持平")
                .contains("在站滞留人员数量与年初持平")
                .doesNotContain("增至")
                .doesNotContain("减至");

        String again = html(annual(retention(144, 160), retention(242, 144), nothing(), empty()));
        assertThat(again).contains("由144人增至160人、增长11.1%").contains("在站滞留人员数量由降转增");
    }

    @Test
    void programmes_with_nothing_to_report_have_no_paragraph_and_the_others_are_numbered_in_order() {
        String bare = html(annual(retention(10, 5), retention(0, 10), nothing(), empty()));
        assertThat(bare)
                .doesNotContain("id=\"social-work\"")
                .doesNotContain("id=\"hospital\"")
                .doesNotContain("id=\"staff-patrols\"")
                .doesNotContain("id=\"publicity\"")
                .doesNotContain("id=\"cooperation\"")
                .doesNotContain("id=\"capacity\"")
                .doesNotContain("id=\"flow\"")
                .doesNotContain("志愿者到站")
                .doesNotContain("class=\"partner-team\"");

        SocialParticipation sp = new SocialParticipation(
                JAN_1,
                JAN_1.plusYears(1),
                null,
                List.of(new Agreement(
                        UUID.randomUUID(),
                        "rangaihuijia",
                        "让爱回家",
                        "dongguan",
                        List.of("东莞市救助管理站", "让爱回家"),
                        LocalDate.of(2018, 3, 1),
                        null,
                        List.of("街面流浪人员活动线索"),
                        List.of("医院收治流浪病人情况"),
                        "受助人员同意")),
                List.of(new Capacity("rangaihuijia", "让爱回家", LocalDate.of(2018, 12, 31), 32, 12, 500)),
                List.of(new Support(
                        "rangaihuijia",
                        "让爱回家",
                        3,
                        new BigDecimal("105000.00"),
                        BigDecimal.ZERO.setScale(2),
                        new BigDecimal("105000.00"))),
                new BigDecimal("105000.00"),
                "CNY",
                List.of(new Visits("rangaihuijia", "让爱回家", 898)),
                898,
                List.of(new Activities("OPEN_DAY", "机构开放日", 2, 80), new Activities("PUBLIC_CLASS", "救助公益课", 0, 0)),
                2,
                new StaffPatrols(5, 9, 61, List.of(new Campaign("寒冬送温暖", 3, 40), new Campaign("日常巡查", 2, 21))));
        Reports.Flow flow = new Reports.Flow(
                JAN_1,
                JAN_1.plusYears(1),
                100,
                List.of(),
                80,
                List.of(),
                4,
                new BigDecimal("5.0"),
                36500,
                new BigDecimal("100.0"),
                new BigDecimal("0.80"),
                null,
                0,
                0,
                new Reports.Flow(
                        JAN_1.minusYears(1),
                        JAN_1,
                        90,
                        List.of(),
                        60,
                        List.of(),
                        6,
                        new BigDecimal("10.0"),
                        36500,
                        new BigDecimal("100.0"),
                        new BigDecimal("0.60"),
                        null,
                        0,
                        0,
                        null));
        String full = html(new AnnualReportResource.Annual(
                2018,
                null,
                null,
                retention(242, 144),
                familySearch(),
                notices(),
                outreach(0, 7),
                outreach(0, 0),
                List.of(),
                resources(),
                retention(0, 242),
                flow,
                sp));
        assertThat(full)
                .contains("全年入站100人次、离站80人次，其中安置4人，安置率5.0%，周转率0.80次（上年分别为10.0%、0.60次）")
                .contains("救助管理站邀请“让爱回家”898人次志愿者到站开展身份问询")
                .contains("一是购买社工服务项目开展站外救助")
                .contains("前一年同期分别为0名、0人")
                .doesNotContain("id=\"hospital\"")
                .contains("二是组织工作人员开展站外救助。2018年，救助管理站工作人员开展街面救助巡查5次、出动9队次，接触街面流浪人员61人次，其中“寒冬送温暖”专项活动3次。")
                .contains("截至2018年12月31日，“让爱回家”有街面救助志愿服务队32支、救助工作室12个、志愿者500人")
                .contains("一是主动加强救助管理宣传。全年开展机构开放日2次，参与80人次。")
                .doesNotContain("救助公益课0次")
                .contains("二是协同开展街面救助活动。救助管理站与“让爱回家”签订救助服务合作协议（2018年3月1日起），" + "互通街面流浪人员活动线索，共享医院收治流浪病人情况（受助人员同意）。")
                .contains("全年为“让爱回家”提供救助物资折价10.5万元。");
    }

    @Test
    void a_year_on_year_change_of_zero_reads_unchanged() {
        assertThat(AnnualReportText.fromTo(7, 7, BigDecimal.ZERO)).isEqualTo("年初、年末均为7人，持平");
        assertThat(AnnualReportText.fromTo(0, 242, null)).isEqualTo("由0人增至242人");
        assertThat(AnnualReportText.yuan(new BigDecimal("980.00"))).isEqualTo("980元");
        assertThat(AnnualReportText.yuan(new BigDecimal("120000.00"))).isEqualTo("12万元");
    }

    /**
     * The page as the service renders it: the same template, on a plain Qute engine (the service's
     * engine checks the template's expressions at build time; this one resolves them by reflection).
     */
    static String html(AnnualReportResource.Annual annual) {
        try (InputStream in =
                AnnualReportTextTest.class.getResourceAsStream("/templates/AnnualReportResource/report.html")) {
            Engine engine = Engine.builder()
                    .addDefaults()
                    .addValueResolver(ValueResolvers.rawResolver())
                    .addValueResolver(new ReflectionValueResolver())
                    .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                    .build();
            return engine.parse(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            Variant.forContentType(Variant.TEXT_HTML))
                    .data("report", AnnualReportText.document(annual))
                    .data("style", AnnualReportText.STYLE)
                    .render();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void names_typed_by_staff_are_escaped_on_the_page_and_the_style_is_the_one_the_policy_allows() {
        SocialParticipation sp = new SocialParticipation(
                JAN_1,
                JAN_1.plusYears(1),
                null,
                List.of(),
                List.of(),
                List.of(),
                BigDecimal.ZERO,
                "CNY",
                List.of(new Visits("x", "<b>队</b> & \"友\"", 3)),
                3,
                List.of(),
                0,
                new StaffPatrols(0, 0, 0, List.of()));
        String page = html(annual(retention(10, 5), retention(0, 10), nothing(), sp));
        assertThat(page)
                .contains("“&lt;b&gt;队&lt;/b&gt; &amp; &quot;友&quot;”3人次")
                .doesNotContain("<b>队")
                .contains("<style>" + AnnualReportText.STYLE + "</style>");
    }

    private static AnnualReportResource.Annual annual(
            Reports.RetentionChange year, Reports.RetentionChange before, Reports.Flow flow, SocialParticipation sp) {
        return new AnnualReportResource.Annual(
                2018,
                null,
                null,
                year,
                familySearch(),
                notices(),
                outreach(0, 0),
                outreach(0, 0),
                List.of(new AnnualReportResource.PartnerTeam("quiet", "无事队", outreach(0, 0))),
                resources(),
                before,
                flow,
                sp);
    }

    private static Reports.RetentionChange retention(long from, long to) {
        Map<String, BigDecimal> change = new LinkedHashMap<>();
        BigDecimal percent = Figures.changePercent(to, from);
        for (String figure : List.of("inStation", "retained10Days", "retained3Months", "unidentifiedRetained3Months")) {
            change.put(figure, percent);
        }
        return new Reports.RetentionChange(
                new ReportQueries.Retention(JAN_1, from, from, from, from),
                new ReportQueries.Retention(JAN_1.plusYears(1), to, to, to, to),
                change);
    }

    private static Reports.FamilySearch familySearch() {
        return new Reports.FamilySearch(
                JAN_1,
                JAN_1.plusYears(1),
                0,
                0,
                BigDecimal.ZERO,
                new Reports.YearBefore(0, 0),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    private static Reports.Notices notices() {
        return new Reports.Notices(JAN_1, JAN_1.plusYears(1), 0, BigDecimal.ZERO, 0, null);
    }

    private static Reports.Outreach outreach(long before, long rescued) {
        return new Reports.Outreach(
                JAN_1,
                JAN_1.plusYears(1),
                "SOCIAL_WORK_PROJECT",
                null,
                null,
                rescued,
                rescued,
                new Reports.OutreachYearBefore(before, before),
                Figures.ratio(rescued, before),
                Figures.ratio(rescued, before));
    }

    private static Reports.Resources resources() {
        return new Reports.Resources(1, null, null, null, null);
    }

    private static Reports.Flow nothing() {
        return new Reports.Flow(
                JAN_1, JAN_1.plusYears(1), 0, List.of(), 0, List.of(), 0, null, 0, null, null, null, 0, 0, null);
    }

    private static SocialParticipation empty() {
        return new SocialParticipation(
                JAN_1,
                JAN_1.plusYears(1),
                null,
                List.of(),
                List.of(),
                List.of(),
                BigDecimal.ZERO,
                "CNY",
                List.of(),
                0,
                List.of(),
                0,
                new StaffPatrols(0, 0, 0, List.of()));
    }
}
