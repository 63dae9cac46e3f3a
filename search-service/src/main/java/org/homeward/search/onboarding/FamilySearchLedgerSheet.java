package org.homeward.search.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.homeward.domain.DomainException;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.OpeningReason;
import org.homeward.events.search.VerificationOutcome;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowProblem;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.search.partner.Partners;
import org.homeward.search.searchcase.KnownPersons;
import org.homeward.search.searchcase.SearchCase;
import org.homeward.search.searchcase.SearchCaseViews;

/**
 * The family-search ledger (寻亲台账) as stations keep it: one line per thing done for a resident —
 * a lead (线索) with its verification and, when it found the family, the success; a notice (公告);
 * a DNA sample (DNA采血). The resident is named as the ledger names them, by station, admission date
 * and name (or by Homeward's person id); the line goes on the search case of that stay, which intake's
 * unidentified admission opened (a case is opened by hand, as in the API, when there is none).
 * Import the admission register first, and the exits after this ledger: a discharge closes the case.
 */
@ApplicationScoped
public class FamilySearchLedgerSheet implements ImportSheet {
    /** What a ledger line records. */
    enum Entry {
        LEAD,
        NOTICE,
        DNA_SAMPLE
    }

    private static final List<Column> COLUMNS = List.of(
            Column.required(
                    SOURCE_KEY,
                    "台账编号",
                    "the line's number in the ledger; a line imported once is not imported again",
                    "XQ2018-001",
                    "编号",
                    "记录编号"),
            Column.required("stationId", "站点", "the station's id in Homeward", "dongguan", "站点编号", "救助站"),
            Column.optional(
                    "admittedAt",
                    "入站日期",
                    "the resident's admission date (with 站点 and 姓名 it finds the resident; required without 人员ID)",
                    "2018-03-01",
                    "入站时间"),
            Column.optional(
                    "name",
                    "姓名",
                    "the resident's name as registered (blank for an unknown name)",
                    "张伟",
                    "受助人员",
                    "受助人姓名"),
            Column.optional("personId", "人员ID", "Homeward's person id, instead of 入站日期 and 姓名", "", "personId"),
            Column.required("entry", "事项", "线索 / 公告 / DNA采血", "线索", "类型", "寻亲方式"),
            Column.required(
                    "occurredAt",
                    "时间",
                    "when the lead came in, the notice was published or the sample taken",
                    "2018-03-05",
                    "日期",
                    "登记时间"),
            Column.optional(
                    "channel",
                    "线索渠道",
                    "线索: 站内问询 / 公安人脸比对 / 公安DNA比对 / 公安户籍查询 / 全国寻亲网 / 外站协查 / 医院 / 媒体公告 / 社会组织",
                    "公安人脸比对",
                    "渠道",
                    "线索来源"),
            Column.optional("partnerId", "合作机构", "线索 from 社会组织: the partner's id in Homeward", "rangaihuijia", "合作方"),
            Column.optional("summary", "线索内容", "线索: what the lead says", "人脸比对疑似湖南凤凰县张某", "内容"),
            Column.optional("reportedBy", "提供人", "线索: who brought it (blank: the importing user)", "李明", "报告人"),
            Column.optional("verification", "核实结果", "线索: 属实 / 不实 (blank: not verified)", "属实", "核实情况"),
            Column.optional("verifiedAt", "核实时间", "with 核实结果", "2018-03-08", "核实日期"),
            Column.optional(
                    "contacted", "核实单位", "whom the team checked with, separated by 、 or ,", "凤凰县公安局、沱江镇政府", "联系单位"),
            Column.optional(
                    "familyFoundAt", "寻亲成功时间", "线索 属实 that found the family: when", "2018-03-10", "成功时间", "寻亲成功日期"),
            Column.optional(
                    "creditedStaff", "认定人员", "whom the success is credited to (blank: the lead's 提供人)", "李明", "经办人"),
            Column.optional("creditedUnit", "认定单位", "the unit credited", "寻亲组"),
            Column.optional("medium", "公告媒介", "公告: 电视 / 报纸 / 全国救助寻亲网 / 新闻客户端 / 其他", "报纸", "媒介", "公告方式"));

    private static final Map<String, Entry> ENTRIES = Map.of(
            "线索",
            Entry.LEAD,
            "公告",
            Entry.NOTICE,
            "寻亲公告",
            Entry.NOTICE,
            "DNA采血",
            Entry.DNA_SAMPLE,
            "DNA",
            Entry.DNA_SAMPLE,
            "采血",
            Entry.DNA_SAMPLE);
    private static final Map<String, LeadChannel> CHANNELS = new LinkedHashMap<>();
    private static final Map<String, NoticeMedium> MEDIA = new LinkedHashMap<>();
    private static final Map<String, VerificationOutcome> OUTCOMES = Map.of(
            "属实",
            VerificationOutcome.CONFIRMED,
            "确认",
            VerificationOutcome.CONFIRMED,
            "不实",
            VerificationOutcome.REJECTED,
            "排除",
            VerificationOutcome.REJECTED);

    static {
        CHANNELS.put("站内问询", LeadChannel.STAFF_INQUIRY);
        CHANNELS.put("工作人员问询", LeadChannel.STAFF_INQUIRY);
        CHANNELS.put("公安人脸比对", LeadChannel.POLICE_FACE_RECOGNITION);
        CHANNELS.put("人脸识别", LeadChannel.POLICE_FACE_RECOGNITION);
        CHANNELS.put("公安DNA比对", LeadChannel.POLICE_DNA);
        CHANNELS.put("DNA比对", LeadChannel.POLICE_DNA);
        CHANNELS.put("公安户籍查询", LeadChannel.POLICE_POPULATION_REGISTRY);
        CHANNELS.put("户籍查询", LeadChannel.POLICE_POPULATION_REGISTRY);
        CHANNELS.put("全国寻亲网", LeadChannel.NATIONAL_NETWORK);
        CHANNELS.put("全国救助寻亲网", LeadChannel.NATIONAL_NETWORK);
        CHANNELS.put("外站协查", LeadChannel.OTHER_STATION);
        CHANNELS.put("医院", LeadChannel.HOSPITAL_STAFF);
        CHANNELS.put("媒体公告", LeadChannel.MEDIA_NOTICE);
        CHANNELS.put("社会组织", LeadChannel.PARTNER);
        CHANNELS.put("志愿者组织", LeadChannel.PARTNER);
        MEDIA.put("电视", NoticeMedium.TV);
        MEDIA.put("报纸", NoticeMedium.NEWSPAPER);
        MEDIA.put("全国救助寻亲网", NoticeMedium.NATIONAL_NETWORK);
        MEDIA.put("新闻客户端", NoticeMedium.NEWS_APP);
        MEDIA.put("今日头条", NoticeMedium.NEWS_APP);
        MEDIA.put("其他", NoticeMedium.OTHER);
    }

    private final EventSourcing sourcing;
    private final KnownPersons persons;
    private final SearchCaseViews cases;
    private final Partners partners;

    public FamilySearchLedgerSheet(
            EventSourcing sourcing, KnownPersons persons, SearchCaseViews cases, Partners partners) {
        this.sourcing = sourcing;
        this.persons = persons;
        this.cases = cases;
        this.partners = partners;
    }

    @Override
    public String name() {
        return "family-search";
    }

    @Override
    public String title() {
        return "寻亲台账";
    }

    @Override
    public String description() {
        return "One line per thing done for a resident's family search: a lead (with its verification and the success it "
                + "brought), a notice or a DNA sample, on the search case of the resident's stay";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String stationId = row.required("stationId", 64);
        OffsetDateTime admittedAt = row.date("admittedAt", false);
        String name = row.text("name", 100);
        UUID personId = uuid(row, "personId");
        Entry entry = row.choice("entry", Entry.class, ENTRIES, true);
        OffsetDateTime at = row.date("occurredAt", true);
        if (personId == null && admittedAt == null && row.text("admittedAt") == null && row.text("personId") == null) {
            row.problem(
                    "admittedAt",
                    null,
                    "is required without 人员ID: the ledger names its resident by admission date and name");
        }
        row.check();
        context.requireStation("stationId", stationId);
        KnownPersons.Stay stay = stay(c, row, stationId, admittedAt, name, personId);
        UUID caseId = caseOf(c, row, stay, at, context);
        StreamId stream = StreamId.of(SearchCase.STREAM, caseId);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("personId", stay.personId().toString());
        ids.put("caseId", caseId.toString());
        switch (entry) {
            case NOTICE -> {
                NoticeMedium medium = row.choice("medium", NoticeMedium.class, MEDIA, true);
                row.check();
                UUID noticeId = UUID.randomUUID();
                execute(c, row, stream, sc -> sc.publishNotice(noticeId, medium, at), context, "occurredAt");
                ids.put("noticeId", noticeId.toString());
            }
            case DNA_SAMPLE -> execute(c, row, stream, sc -> sc.requestDnaSample(at), context, "occurredAt");
            case LEAD -> ids.put("leadId", lead(c, row, stream, at, context).toString());
        }
        return ids;
    }

    private UUID lead(Connection c, ImportRow row, StreamId stream, OffsetDateTime at, ImportContext context)
            throws SQLException {
        LeadChannel channel = row.choice("channel", LeadChannel.class, CHANNELS, true);
        String partnerId = row.text("partnerId", 64);
        String summary = row.required("summary", 2000);
        String reportedBy = row.text("reportedBy", 100);
        VerificationOutcome outcome = row.choice("verification", VerificationOutcome.class, OUTCOMES, false);
        OffsetDateTime verifiedAt = row.date("verifiedAt", outcome != null);
        List<String> contacted = row.text("contacted", 2000) == null
                ? List.of()
                : Arrays.stream(row.text("contacted").split("[、,，;；]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        OffsetDateTime foundAt = row.date("familyFoundAt", false);
        String creditedStaff = row.text("creditedStaff", 100);
        String creditedUnit = row.text("creditedUnit", 100);
        if (outcome == null && row.text("verifiedAt") != null && row.text("verification") == null) {
            row.problem("verification", null, "is required with a 核实时间");
        }
        if (foundAt != null
                && outcome != VerificationOutcome.CONFIRMED
                && row.text("verification") != null
                && outcome != null) {
            row.problem("familyFoundAt", row.raw("familyFoundAt"), "a family is found by a lead verified 属实, not 不实");
        } else if (foundAt != null && row.text("verification") == null) {
            row.problem("verification", null, "must be 属实 for a success (寻亲成功时间)");
        }
        if (contacted.size() > 10) {
            row.problem("contacted", row.raw("contacted"), "names " + contacted.size() + " units; at most 10");
        }
        row.check();
        if (partnerId != null && partners.find(c, partnerId).isEmpty()) {
            row.problem("partnerId", partnerId, "Unknown partner " + partnerId);
            row.check();
        }
        UUID leadId = UUID.randomUUID();
        String by = reportedBy != null ? reportedBy : context.metadata().actor().subject();
        execute(
                c,
                row,
                stream,
                sc -> sc.recordLead(leadId, channel, partnerId, summary, by, at),
                context,
                "occurredAt");
        if (outcome != null) {
            execute(c, row, stream, sc -> sc.verifyLead(leadId, outcome, contacted, verifiedAt), context, "verifiedAt");
        }
        if (foundAt != null) {
            execute(
                    c,
                    row,
                    stream,
                    sc -> sc.recordSuccess(leadId, creditedStaff, creditedUnit, foundAt),
                    context,
                    "familyFoundAt");
        }
        return leadId;
    }

    /** The stay the line is about: by person id, or by station, admission day and name. */
    private KnownPersons.Stay stay(
            Connection c, ImportRow row, String stationId, OffsetDateTime admittedAt, String name, UUID personId)
            throws SQLException {
        List<KnownPersons.Stay> found = personId != null
                ? persons.staysOf(c, stationId, personId)
                : persons.admittedOn(c, stationId, admittedAt.toLocalDate());
        if (personId == null && name != null && found.size() > 1) {
            List<KnownPersons.Stay> named =
                    found.stream().filter(s -> name.equals(s.name())).toList();
            found = named.isEmpty() ? found : named;
        }
        if (found.isEmpty()) {
            String field = personId != null ? "personId" : "admittedAt";
            row.problem(
                    field,
                    row.raw(field),
                    "no resident " + (personId != null ? "with this id" : "admitted that day")
                            + " at station " + stationId
                            + " is known to the family search; import the admission register first "
                            + "(its admissions reach the family search within seconds)");
        } else if (personId == null && found.size() > 1) {
            row.problem(
                    "name",
                    row.raw("name"),
                    found.size() + " residents admitted that day at station " + stationId
                            + (name == null ? "; give the 姓名" : " answer to this name") + ", or give the 人员ID");
        } else if (personId == null
                && name != null
                && found.get(0).name() != null
                && !name.equals(found.get(0).name())) {
            row.problem(
                    "name",
                    name,
                    "the resident admitted that day is registered as "
                            + found.get(0).name());
        }
        row.check();
        // with a person id the latest stay at the station is the one whose case the line belongs to
        return found.get(found.size() - 1);
    }

    /** The case opened for the stay (or the person's open case); else one opened by hand, as POST /api/search-cases does. */
    private UUID caseOf(Connection c, ImportRow row, KnownPersons.Stay stay, OffsetDateTime at, ImportContext context)
            throws SQLException {
        Optional<UUID> existing = cases.caseOfStay(c, stay.stayId());
        if (existing.isEmpty()) {
            existing = cases.openCaseOfPerson(c, stay.personId());
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID caseId = UUID.randomUUID();
        OffsetDateTime opened = at.isBefore(stay.admittedAt()) ? stay.admittedAt() : at;
        sourcing.append(
                c,
                StreamId.of(SearchCase.STREAM, caseId),
                0,
                SearchCase.open(caseId, stay.personId(), OpeningReason.MANUAL, stay.stayId(), opened),
                context.metadata());
        return caseId;
    }

    private void execute(
            Connection c,
            ImportRow row,
            StreamId stream,
            Function<SearchCase, List<NewEvent>> decide,
            ImportContext context,
            String dateField)
            throws SQLException {
        try {
            sourcing.execute(c, stream, null, SearchCase::from, decide, context.metadata());
        } catch (HomewardException | DomainException refusal) {
            HomewardException e = DomainProblems.asProblem(refusal);
            RowRejected rejected = RowRejected.of(row, e, Map.of("occurredAt", dateField));
            if (e.status() != 409 || !String.valueOf(e.getMessage()).contains("is closed")) {
                throw rejected;
            }
            // a case closed by its stay's discharge: the exits were imported before the ledger
            throw new RowRejected(rejected.problems().stream()
                    .map(p -> new RowProblem(
                            p.row(),
                            p.column(),
                            p.field(),
                            p.value(),
                            p.problem()
                                    + " (a discharge closes the case: import the admission register without its exits, then "
                                    + "this ledger, then the exits sheet; README, Moving in)"))
                    .toList());
        }
    }

    private static UUID uuid(ImportRow row, String field) {
        String v = row.text(field);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            row.problem(field, v, "is not a Homeward person id");
            return null;
        }
    }
}
