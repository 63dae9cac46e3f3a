package org.homeward.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.homeward.events.search.LeadChannel;

/**
 * The annual report as readable Chinese, in the shape and wording of the source document: the words
 * are composed here once ({@link #document}); the page and the Word document only lay them out.
 */
public final class AnnualReportText {
    /** Inline in the page, so a saved copy prints the same; the page's Content-Security-Policy allows exactly this style by its hash. */
    static final String STYLE =
            "body{font-family:'Noto Serif CJK SC','Songti SC',serif;max-width:46em;margin:2em auto;line-height:1.9;color:#222}"
                    + "h1{font-size:1.5em;text-align:center}h2{font-size:1.15em;margin-top:1.6em}p{text-indent:2em}"
                    + "b.fig{font-weight:600}"
                    + "@media print{body{margin:0;max-width:none;font-size:12pt}a{color:inherit}@page{size:A4;margin:2cm}}";

    /** No script, no fetch, nothing from elsewhere: text and its one stylesheet. */
    static final String POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One paragraph: its anchor on the page ({@code id}, or {@code cssClass} for a repeated kind) and its text. */
    public record Paragraph(String id, String cssClass, String text) {
        static Paragraph of(String id, CharSequence text) {
            return new Paragraph(id, null, text.toString());
        }
    }

    /** A numbered part of the report under its heading. */
    public record Section(String heading, List<Paragraph> paragraphs) {}

    /**
     * The report's words, composed once from its figures: the page's template
     * (templates/AnnualReportResource/report.html) and the Word document lay out the same text.
     */
    public record Document(String title, List<Paragraph> opening, List<Section> sections) {
        /** Every paragraph in reading order, the headings left out. */
        public List<Paragraph> paragraphs() {
            List<Paragraph> all = new ArrayList<>(opening);
            sections.forEach(s -> all.addAll(s.paragraphs()));
            return all;
        }
    }

    static Document document(AnnualReportResource.Annual a) {
        Reports.FamilySearch fs = a.familySearch();
        var from = a.retention().from();
        var to = a.retention().to();
        var change = a.retention().changePercent();
        int y = a.year();
        String title = (a.stationName() != null ? a.stationName() : "救助管理站") + y + "年流浪乞讨人员救助管理工作报告";
        List<Paragraph> opening = new ArrayList<>();
        opening.add(Paragraph.of(
                "retention",
                new StringBuilder()
                        .append(y)
                        .append("年，救助管理工作以“低滞留率、低安置率、高周转率”为目标")
                        .append(trend(a.previousYearRetention(), a.retention()))
                        .append("。一年里，")
                        .append("救助管理站滞留10天以上人数")
                        .append(fromTo(from.retained10Days(), to.retained10Days(), change.get("retained10Days")))
                        .append("；长期滞留3个月以上人数")
                        .append(fromTo(from.retained3Months(), to.retained3Months(), change.get("retained3Months")))
                        .append("，其中无身份长期滞留人员")
                        .append(fromTo(
                                from.unidentifiedRetained3Months(),
                                to.unidentifiedRetained3Months(),
                                change.get("unidentifiedRetained3Months")))
                        .append("。")));
        flow(opening, a.flow());

        List<Paragraph> search = new ArrayList<>();
        search.add(Paragraph.of(
                "family-search",
                new StringBuilder()
                        .append("全年寻亲成功")
                        .append(n(fs.successes()))
                        .append("例，其中滞留人员")
                        .append(n(fs.retainedSuccesses()))
                        .append("例、月均")
                        .append(num(fs.monthlyAverageRetained()))
                        .append("例，同比")
                        .append(pct(fs.retainedYoYPercent()))
                        .append("。")));
        search.add(Paragraph.of(
                "station",
                new StringBuilder()
                        .append("一是救助管理机构寻亲。站内工作人员问询取得关键身份线索并核实成功")
                        .append(n(AnnualReportResource.count(fs.byCategory(), "STATION")))
                        .append("例，占总量的")
                        .append(num(AnnualReportResource.share(fs.byCategory(), "STATION")))
                        .append("%。")));
        search.add(Paragraph.of(
                "agency",
                new StringBuilder()
                        .append("二是相关部门协作寻亲。根据公安部门提供的线索寻亲成功")
                        .append(n(AnnualReportResource.count(fs.byGroup(), "POLICE")))
                        .append("例、占总量的")
                        .append(num(AnnualReportResource.share(fs.byGroup(), "POLICE")))
                        .append("%；其中人脸识别")
                        .append(n(AnnualReportResource.channel(fs, LeadChannel.POLICE_FACE_RECOGNITION)))
                        .append("例、DNA比对")
                        .append(n(AnnualReportResource.channel(fs, LeadChannel.POLICE_DNA)))
                        .append("例。借助其他部门和机构寻亲成功")
                        .append(n(AnnualReportResource.count(fs.byGroup(), "OTHER_AGENCY")))
                        .append("例。")));
        SocialParticipationReport.SocialParticipation sp = a.socialParticipation();
        StringBuilder h = new StringBuilder("三是借助社会资源寻亲。");
        if (sp.volunteerVisitsTotal() > 0) {
            h.append("救助管理站邀请")
                    .append(sp.volunteerVisits().stream()
                            .filter(v -> v.visits() > 0)
                            .map(v -> "“" + v.partnerName() + "”" + v.visits() + "人次")
                            .collect(Collectors.joining("、")))
                    .append("志愿者到站开展身份问询。");
        }
        h.append("借助社会力量成功寻亲")
                .append(n(AnnualReportResource.count(fs.byCategory(), "SOCIAL")))
                .append("例、占总量的")
                .append(num(AnnualReportResource.share(fs.byCategory(), "SOCIAL")))
                .append("%")
                .append(
                        fs.byPartner().isEmpty()
                                ? ""
                                : "；其中"
                                        + fs.byPartner().stream()
                                                .map(p -> "“" + p.name() + "”" + p.count() + "例")
                                                .collect(Collectors.joining("、")))
                .append("。");
        search.add(Paragraph.of("social", h));

        List<Paragraph> outreach = new ArrayList<>();
        Reports.Notices notices = a.noticesSecondHalf();
        if (notices.persons() > 0 || notices.previousYearPersons() > 0) {
            BigDecimal noticeChange = notices.yoyPercent();
            int direction = Long.compare(notices.persons(), notices.previousYearPersons());
            outreach.add(Paragraph.of(
                    "notices",
                    new StringBuilder()
                            .append(y)
                            .append("年下半年，救助管理站因未能快速核实身份而刊播寻亲公告受助人员")
                            .append(direction < 0 ? "降至" : direction > 0 && noticeChange != null ? "增至" : "为")
                            .append(n(notices.persons()))
                            .append("人、月均")
                            .append(num(notices.monthlyAverage()))
                            .append("人，同比")
                            .append(
                                    noticeChange == null
                                            ? "（上年无可比数据）"
                                            : direction < 0
                                                    ? "减少" + noticeChange.abs().toPlainString() + "%"
                                                    : direction > 0
                                                            ? "增加"
                                                                    + noticeChange
                                                                            .abs()
                                                                            .toPlainString() + "%"
                                                            : "持平")
                            .append("。")));
        }
        Ordinal programme = new Ordinal();
        Reports.Outreach social = a.socialWorkSecondHalf();
        if (social.identified() > 0 || social.rescued() > 0) { // no paragraph for a programme with nothing to report
            outreach.add(Paragraph.of(
                    "social-work",
                    new StringBuilder()
                            .append(programme.next())
                            .append("购买社工服务项目开展站外救助。")
                            .append(y)
                            .append("年下半年，项目社工在站外确定了")
                            .append(n(social.identified()))
                            .append("名街面流浪人员身份，成功救助")
                            .append(n(social.rescued()))
                            .append("人，")
                            .append(yearBefore(social))
                            .append("。")));
        }
        Reports.Outreach hospital = a.hospitalPostFourthQuarter();
        if (hospital.identified() > 0 || hospital.rescued() > 0) {
            outreach.add(Paragraph.of(
                    "hospital",
                    new StringBuilder()
                            .append(programme.next())
                            .append("常驻定点收治医院开展站外救助。")
                            .append(y)
                            .append("年第4季度，驻医院工作人员核查确定了")
                            .append(n(hospital.identified()))
                            .append("名流浪精神病人身份，其中")
                            .append(n(hospital.rescued()))
                            .append("人被亲属直接从医院接领返乡。")));
        }
        SocialParticipationReport.StaffPatrols patrols = sp.staffPatrols();
        if (patrols.patrols() > 0) {
            List<SocialParticipationReport.Campaign> campaigns = patrols.byCampaign().stream()
                    .filter(c -> !c.campaign().equals(SocialParticipationReport.ROUTINE_PATROL))
                    .toList();
            outreach.add(Paragraph.of(
                    "staff-patrols",
                    new StringBuilder()
                            .append(programme.next())
                            .append("组织工作人员开展站外救助。")
                            .append(y)
                            .append("年，救助管理站工作人员开展街面救助巡查")
                            .append(n(patrols.patrols()))
                            .append("次、出动")
                            .append(n(patrols.teams()))
                            .append("队次，接触街面流浪人员")
                            .append(n(patrols.peopleMet()))
                            .append("人次")
                            .append(
                                    campaigns.isEmpty()
                                            ? ""
                                            : "，其中"
                                                    + campaigns.stream()
                                                            .map(c -> "“" + c.campaign() + "”专项活动" + c.patrols() + "次")
                                                            .collect(Collectors.joining("、")))
                            .append("。")));
        }

        List<Paragraph> society = new ArrayList<>();
        Reports.Resources r = a.resources();
        society.add(Paragraph.of(
                "resources",
                new StringBuilder()
                        .append("全市共")
                        .append(n(r.stations()))
                        .append("个救助管理站，每百万非户籍人口、每千平方公里辖区面积分别拥有")
                        .append(num2(r.perMillionNonRegisteredResidents()))
                        .append("个、")
                        .append(num2(r.perThousandKm2()))
                        .append("个救助管理机构。")));
        for (AnnualReportResource.PartnerTeam team : a.partnerTeams()) {
            Reports.Outreach o = team.outreach();
            if (o.rescued() == 0 && o.identified() == 0) {
                continue;
            }
            society.add(new Paragraph(
                    null,
                    "partner-team",
                    "“" + team.name() + "”" + y + "年共成功救助"
                            + n(o.rescued()) + "名流浪人员，"
                            + (o.rescuedRatio() != null
                                    ? "数量为前一年的" + num(o.rescuedRatio()) + "倍"
                                    : "前一年为" + o.previousYear().rescued() + "名")
                            + "。"));
        }
        if (!sp.capacity().isEmpty()) {
            society.add(Paragraph.of(
                    "capacity",
                    sp.capacity().stream()
                                    .map(c -> "截至" + date(c.asOf()) + "，“"
                                            + c.partnerName() + "”有街面救助志愿服务队" + c.teams() + "支、救助工作室" + c.workrooms()
                                            + "个、志愿者"
                                            + c.volunteers() + "人")
                                    .collect(Collectors.joining("；"))
                            + "。"));
        }
        Ordinal participation = new Ordinal();
        if (sp.publicityTotal() > 0) {
            long participants = sp.publicity().stream()
                    .mapToLong(SocialParticipationReport.Activities::participants)
                    .sum();
            society.add(Paragraph.of(
                    "publicity",
                    new StringBuilder()
                            .append(participation.next())
                            .append("主动加强救助管理宣传。全年开展")
                            .append(sp.publicity().stream()
                                    .filter(p -> p.activities() > 0)
                                    .map(p -> p.label() + p.activities() + "次")
                                    .collect(Collectors.joining("、")))
                            .append(participants > 0 ? "，参与" + participants + "人次" : "")
                            .append("。")));
        }
        if (!sp.agreementsInForce().isEmpty() || !sp.support().isEmpty()) {
            StringBuilder co = new StringBuilder().append(participation.next()).append("协同开展街面救助活动。");
            for (SocialParticipationReport.Agreement ag : sp.agreementsInForce()) {
                co.append("救助管理站与“")
                        .append(ag.partnerName())
                        .append("”签订救助服务合作协议（")
                        .append(date(ag.validFrom()))
                        .append("起")
                        .append(ag.validUntil() == null ? "" : "，至" + date(ag.validUntil()))
                        .append("），");
                List<String> shared = new ArrayList<>();
                if (!ag.cluesShared().isEmpty()) {
                    shared.add("互通" + String.join("、", ag.cluesShared()));
                }
                if (!ag.patientInformationShared().isEmpty()) {
                    // the consent is the staff's own words, so it stands in brackets rather than inside the sentence
                    shared.add("共享" + String.join("、", ag.patientInformationShared()) + "（" + ag.consent() + "）");
                }
                co.append(String.join("，", shared)).append("。");
            }
            if (!sp.support().isEmpty()) {
                co.append("全年为")
                        .append(sp.support().stream()
                                .map(s -> "“" + s.partnerName() + "”提供" + support(s))
                                .collect(Collectors.joining("，为")))
                        .append("。");
            }
            society.add(Paragraph.of("cooperation", co));
        }
        return new Document(
                title,
                opening,
                List.of(
                        new Section("一、深入开展站内寻亲，畅通滞留人员返乡出口", search),
                        new Section("二、主动前移救助阵地，增强救助服务综合实效", outreach),
                        new Section("三、广泛动员社会参与，打造共建共治共享格局", society)));
    }

    /** 一是, 二是, 三是 … for the paragraphs that are there. */
    private static final class Ordinal {
        private static final String DIGITS = "一二三四五六七八九十";
        private int i;

        String next() {
            return DIGITS.charAt(Math.min(i++, DIGITS.length() - 1)) + "是";
        }
    }

    /**
     * The direction of retention over the year after the one before it (滞留10天以上, docs/definitions.md):
     * 止增转降 when it rose the year before and fell this year.
     */
    static String trend(Reports.RetentionChange before, Reports.RetentionChange year) {
        long now = year.to().retained10Days() - year.from().retained10Days();
        long earlier = before == null
                ? 0
                : before.to().retained10Days() - before.from().retained10Days();
        if (now < 0) {
            return earlier > 0 ? "，实现了在站滞留人员数量止增转降" : earlier < 0 ? "，在站滞留人员数量继续下降" : "，在站滞留人员数量有所下降";
        }
        if (now > 0) {
            return earlier < 0 ? "，在站滞留人员数量由降转增" : earlier > 0 ? "，在站滞留人员数量继续增加" : "，在站滞留人员数量有所增加";
        }
        return "，在站滞留人员数量与年初持平";
    }

    /** "由242人减至144人、降低40.5%": the direction word follows the numbers; no change is 持平. */
    static String fromTo(long from, long to, BigDecimal percent) {
        if (from == to) {
            return "年初、年末均为" + from + "人，持平";
        }
        return "由" + from + "人" + (to > from ? "增至" : "减至") + to + "人" + (percent == null ? "" : "、" + pct(percent));
    }

    /** Placement rate (安置率) and turnover (周转率) beside retention, with the year before when it had exits. */
    private static void flow(List<Paragraph> into, Reports.Flow f) {
        if (f == null || f.admissions() == 0 && f.exits() == 0) {
            return;
        }
        StringBuilder h = new StringBuilder()
                .append("全年入站")
                .append(n(f.admissions()))
                .append("人次、离站")
                .append(n(f.exits()))
                .append("人次，其中安置")
                .append(n(f.finalPlacements()))
                .append("人");
        if (f.placementRatePercent() != null) {
            h.append("，安置率").append(num(f.placementRatePercent())).append("%");
        }
        if (f.turnover() != null) {
            h.append("，周转率").append(num(f.turnover())).append("次");
        }
        Reports.Flow b = f.previousYear();
        if (b != null && b.placementRatePercent() != null && b.turnover() != null) {
            h.append("（上年分别为")
                    .append(num(b.placementRatePercent()))
                    .append("%、")
                    .append(num(b.turnover()))
                    .append("次）");
        }
        into.add(Paragraph.of("flow", h.append("。")));
    }

    private static String yearBefore(Reports.Outreach o) {
        if (o.identifiedRatio() != null && o.rescuedRatio() != null) {
            return "分别是前一年同期的" + num(o.identifiedRatio()) + "倍、" + num(o.rescuedRatio()) + "倍";
        }
        return "前一年同期分别为" + o.previousYear().identified() + "名、"
                + o.previousYear().rescued() + "人";
    }

    private static String support(SocialParticipationReport.Support s) {
        List<String> parts = new ArrayList<>();
        if (s.supplies().signum() > 0) {
            parts.add("救助物资折价" + yuan(s.supplies()));
        }
        if (s.funds().signum() > 0) {
            parts.add("资金" + yuan(s.funds()));
        }
        return parts.isEmpty() ? "救助物资" : String.join("、", parts);
    }

    /** Yuan as the report writes them: 10.5万元 from ten thousand up, else 980元. */
    static String yuan(BigDecimal amount) {
        if (amount.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return amount.divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .toPlainString()
                    + "万元";
        }
        return amount.stripTrailingZeros().toPlainString() + "元";
    }

    private static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static String pct(BigDecimal percent) {
        if (percent == null) {
            return "（上年无可比数据）";
        }
        if (percent.signum() == 0) {
            return "持平";
        }
        return (percent.signum() < 0 ? "降低" : "增长") + percent.abs().toPlainString() + "%";
    }

    private static String num(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    private static String num2(BigDecimal value) {
        return value == null ? "—" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private AnnualReportText() {}
}
