package org.homeward.reporting.report;

import java.math.BigDecimal;
import java.util.stream.Collectors;
import org.homeward.events.search.LeadChannel;

/** The annual report as readable Chinese, in the shape and wording of the source document. */
final class AnnualReportText {
    /** Inline, so a saved copy prints the same; the page's Content-Security-Policy allows exactly this style by its hash. */
    static final String STYLE = "body{font-family:'Noto Serif CJK SC','Songti SC',serif;max-width:46em;margin:2em auto;line-height:1.9;color:#222}"
            + "h1{font-size:1.5em;text-align:center}h2{font-size:1.15em;margin-top:1.6em}p{text-indent:2em}"
            + "b.fig{font-weight:600}"
            + "@media print{body{margin:0;max-width:none;font-size:12pt}a{color:inherit}@page{size:A4;margin:2cm}}";

    /** No script, no fetch, nothing from elsewhere: text and its one stylesheet. */
    static final String POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String html(AnnualReportResource.Annual a) {
        Reports.FamilySearch fs = a.familySearch();
        var from = a.retention().from();
        var to = a.retention().to();
        var change = a.retention().changePercent();
        int y = a.year();
        String title = (a.stationName() != null ? a.stationName() : "救助管理站") + y + "年流浪乞讨人员救助管理工作报告";
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>").append(esc(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        h.append("<p id=\"retention\">").append(y).append("年，救助管理工作以“低滞留率、低安置率、高周转率”为目标。一年里，")
                .append("救助管理站滞留10天以上人数由").append(n(from.retained10Days())).append("人减至").append(n(to.retained10Days()))
                .append("人、").append(pct(change.get("retained10Days"))).append("；长期滞留3个月以上人数由")
                .append(n(from.retained3Months())).append("人减至").append(n(to.retained3Months())).append("人、")
                .append(pct(change.get("retained3Months"))).append("，其中无身份长期滞留人员由")
                .append(n(from.unidentifiedRetained3Months())).append("人减至").append(n(to.unidentifiedRetained3Months()))
                .append("人、").append(pct(change.get("unidentifiedRetained3Months"))).append("。</p>");

        h.append("<h2>一、深入开展站内寻亲，畅通滞留人员返乡出口</h2>");
        h.append("<p id=\"family-search\">全年寻亲成功").append(n(fs.successes())).append("例，其中滞留人员")
                .append(n(fs.retainedSuccesses())).append("例、月均").append(num(fs.monthlyAverageRetained())).append("例，同比")
                .append(pct(fs.retainedYoYPercent())).append("。</p>");
        h.append("<p id=\"station\">一是救助管理机构寻亲。站内工作人员问询取得关键身份线索并核实成功")
                .append(n(AnnualReportResource.count(fs.byCategory(), "STATION"))).append("例，占总量的")
                .append(num(AnnualReportResource.share(fs.byCategory(), "STATION"))).append("%。</p>");
        h.append("<p id=\"agency\">二是相关部门协作寻亲。根据公安部门提供的线索寻亲成功")
                .append(n(AnnualReportResource.count(fs.byGroup(), "POLICE"))).append("例、占总量的")
                .append(num(AnnualReportResource.share(fs.byGroup(), "POLICE"))).append("%；其中人脸识别")
                .append(n(AnnualReportResource.channel(fs, LeadChannel.POLICE_FACE_RECOGNITION))).append("例、DNA比对")
                .append(n(AnnualReportResource.channel(fs, LeadChannel.POLICE_DNA))).append("例。借助其他部门和机构寻亲成功")
                .append(n(AnnualReportResource.count(fs.byGroup(), "OTHER_AGENCY"))).append("例。</p>");
        h.append("<p id=\"social\">三是借助社会资源寻亲。借助社会力量成功寻亲")
                .append(n(AnnualReportResource.count(fs.byCategory(), "SOCIAL"))).append("例、占总量的")
                .append(num(AnnualReportResource.share(fs.byCategory(), "SOCIAL"))).append("%")
                .append(fs.byPartner().isEmpty() ? "" : "；其中" + fs.byPartner().stream()
                        .map(p -> "“" + esc(p.name()) + "”" + p.count() + "例").collect(Collectors.joining("、")))
                .append("。</p>");

        h.append("<h2>二、主动前移救助阵地，增强救助服务综合实效</h2>");
        BigDecimal noticeChange = a.noticesSecondHalf().yoyPercent();
        boolean fewer = noticeChange != null && noticeChange.signum() < 0;
        h.append("<p id=\"notices\">").append(y).append("年下半年，救助管理站因未能快速核实身份而刊播寻亲公告受助人员")
                .append(fewer ? "降至" : "为").append(n(a.noticesSecondHalf().persons())).append("人、月均")
                .append(num(a.noticesSecondHalf().monthlyAverage())).append("人，同比")
                .append(noticeChange == null ? "（上年无可比数据）" : (fewer ? "减少" : "增加") + noticeChange.abs().toPlainString() + "%")
                .append("。</p>");
        h.append("<p id=\"social-work\">一是购买社工服务项目开展站外救助。").append(y).append("年下半年，项目社工在站外确定了")
                .append(n(a.socialWorkSecondHalf().identified())).append("名街面流浪人员身份，成功救助")
                .append(n(a.socialWorkSecondHalf().rescued())).append("人，分别是前一年同期的")
                .append(num(a.socialWorkSecondHalf().identifiedRatio())).append("倍、")
                .append(num(a.socialWorkSecondHalf().rescuedRatio())).append("倍。</p>");
        h.append("<p id=\"hospital\">二是常驻定点收治医院开展站外救助。").append(y).append("年第4季度，驻医院工作人员核查确定了")
                .append(n(a.hospitalPostFourthQuarter().identified())).append("名流浪精神病人身份，其中")
                .append(n(a.hospitalPostFourthQuarter().rescued())).append("人被亲属直接从医院接领返乡。</p>");

        h.append("<h2>三、广泛动员社会参与，打造共建共治共享格局</h2>");
        Reports.Resources r = a.resources();
        h.append("<p id=\"resources\">全市共").append(n(r.stations())).append("个救助管理站，每百万非户籍人口、每千平方公里辖区面积分别拥有")
                .append(num2(r.perMillionNonRegisteredResidents())).append("个、").append(num2(r.perThousandKm2()))
                .append("个救助管理机构。</p>");
        for (AnnualReportResource.PartnerTeam team : a.partnerTeams()) {
            h.append("<p class=\"partner-team\">").append("“").append(esc(team.name())).append("”").append(y).append("年共成功救助")
                    .append(n(team.outreach().rescued())).append("名流浪人员，数量为前一年的")
                    .append(num(team.outreach().rescuedRatio())).append("倍。</p>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    private static String pct(BigDecimal percent) {
        if (percent == null) {
            return "（上年无可比数据）";
        }
        return (percent.signum() < 0 ? "降低" : "增长") + percent.abs().toPlainString() + "%";
    }

    private static String num(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    private static String num2(BigDecimal value) {
        return value == null ? "—" : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private AnnualReportText() {
    }
}
