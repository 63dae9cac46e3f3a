package org.homeward.outreach.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.homeward.domain.DomainException;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.outreach.program.Programs;
import org.homeward.outreach.streetcase.StreetCase;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Street cases (街面个案) as a station's street-rescue register has them: one row per contact with a
 * person met on the street (the services given, supplies, the outing it was made on), the case
 * opened by its first row; a row may also carry the identity learned and the case's final outcome.
 * The programmes and outings are imported first with the sheet outreach-programmes.
 */
@ApplicationScoped
public class StreetCaseSheet implements ImportSheet {
    static final String NAME = "street-cases";
    /** The import_row "sheet" under which case keys are remembered. */
    static final String CASES = NAME + "#case";

    private static final List<Column> COLUMNS = List.of(
            Column.required(
                    SOURCE_KEY,
                    "记录编号",
                    "the contact's number in the register; a row imported once is not imported again",
                    "JM2018-0001",
                    "编号"),
            Column.required("caseKey", "个案编号", "the case's own number, the same on each of its rows", "GA-001", "个案号"),
            Column.optional(
                    "programKey",
                    "项目编号",
                    "the case's first row: the 项目编号 of its programme (sheet outreach-programmes)",
                    "XM-01",
                    "项目号"),
            Column.optional("location", "地点", "the case's first row: where the person was met", "东城街道天桥下", "发现地点"),
            Column.optional("description", "对象特征", "the case's first row: how the person looks", "男，约50岁，腿有伤", "体貌特征"),
            Column.optional(
                    "openedAt", "发现时间", "the case's first row (blank: the contact's time)", "2018-01-12 21:00", "发现日期"),
            Column.optional(
                    "contactAt",
                    "服务时间",
                    "when the contact was made (blank: the row records no contact)",
                    "2018-01-12 21:00",
                    "日期",
                    "时间"),
            Column.optional(
                    "services",
                    "服务内容",
                    "with 服务时间: 政策宣传 / 劝导 / 发放物资 / 心理疏导 / 危机干预 / 转介, separated by 、",
                    "劝导、发放物资",
                    "服务"),
            Column.optional("suppliesValue", "物资价值", "yuan, 0 to 10000000", "80", "物资金额"),
            Column.optional(
                    "patrolKey",
                    "出动编号",
                    "the 活动编号 (sheet outreach-programmes) of the outing the contact was made on",
                    "HD2018-001",
                    "活动编号"),
            Column.optional("madeBy", "服务人员", "who made the contact (blank: the importing user)", "李明", "工作人员"),
            Column.optional("name", "姓名", "the identity learned: name", "王建国"),
            Column.optional("hometown", "籍贯", "the identity learned: hometown", "河南省周口市", "户籍地"),
            Column.optional(
                    "identifiedAt", "身份确认时间", "when it was learned (blank: the contact's time)", "2018-01-20", "确认时间"),
            Column.optional("outcome", "结果", "the case's final outcome: 亲属接回 / 回归社会 / 失联 / 死亡", "亲属接回", "去向"),
            Column.optional("outcomeAt", "结果时间", "with 结果", "2018-02-01", "结案时间"));

    static final Map<String, OutreachService> SERVICES = Map.of(
            "政策宣传",
            OutreachService.POLICY_INFO,
            "劝导",
            OutreachService.PERSUASION,
            "劝导入站",
            OutreachService.PERSUASION,
            "发放物资",
            OutreachService.SUPPLIES,
            "物资",
            OutreachService.SUPPLIES,
            "心理疏导",
            OutreachService.COUNSELING,
            "危机干预",
            OutreachService.CRISIS_INTERVENTION,
            "转介",
            OutreachService.REFERRAL);
    static final Map<String, StreetOutcome> OUTCOMES = Map.of(
            "亲属接回",
            StreetOutcome.REUNITED,
            "回归社会",
            StreetOutcome.REINTEGRATED,
            "入站",
            StreetOutcome.ADMITTED_TO_STATION,
            "护送入站",
            StreetOutcome.ADMITTED_TO_STATION,
            "失联",
            StreetOutcome.LOST_CONTACT,
            "死亡",
            StreetOutcome.DECEASED);

    private final EventSourcing sourcing;
    private final Programs programs;

    public StreetCaseSheet(EventSourcing sourcing, Programs programs) {
        this.sourcing = sourcing;
        this.programs = programs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "街面个案";
    }

    @Override
    public String description() {
        return "One row per contact with a person met on the street; a case's first row opens it, a row may add the identity "
                + "learned and the final outcome";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String caseKey = row.required("caseKey", 100);
        OffsetDateTime contactAt = row.date("contactAt", false);
        List<OutreachService> services = services(row, contactAt != null);
        BigDecimal supplies = money(row, "suppliesValue");
        String patrolKey = row.text("patrolKey", 200);
        String madeBy = row.text("madeBy", 100);
        String name = row.text("name", 100);
        String hometown = row.text("hometown", 200);
        OffsetDateTime identifiedAt = row.date("identifiedAt", false);
        StreetOutcome outcome = row.choice("outcome", StreetOutcome.class, OUTCOMES, false);
        OffsetDateTime outcomeAt = row.date("outcomeAt", outcome != null);
        if (outcome == StreetOutcome.ADMITTED_TO_STATION) {
            // the API's outcome refers the person to the station as an expected arrival; an old case's person
            // came in long ago and is in the admission register: the referral would wait for ever
            row.problem(
                    "outcome",
                    row.raw("outcome"),
                    "入站 is recorded in the API while the arrival is expected; in an import of "
                            + "past cases leave it blank (the stay is in the admission register)");
        }
        if (contactAt == null && (supplies != null || patrolKey != null)) {
            row.problem("contactAt", null, "is required with 物资价值 or 出动编号");
        }
        if ((name != null || hometown != null)
                && identifiedAt == null
                && contactAt == null
                && row.text("identifiedAt") == null) {
            row.problem("identifiedAt", null, "is required with 姓名 or 籍贯 when the row records no contact");
        }
        row.check();

        Optional<Map<String, String>> known = context.imported(c, CASES, caseKey);
        Map<String, String> streetCase = known.isPresent()
                ? known.get()
                : open(
                        c,
                        row,
                        caseKey,
                        contactAt != null ? contactAt : identifiedAt != null ? identifiedAt : outcomeAt,
                        context);
        UUID caseId = UUID.fromString(streetCase.get("caseId"));
        UUID programId = UUID.fromString(streetCase.get("programId"));
        context.requireStation(
                "caseKey",
                programs.find(c, programId).map(Programs.ProgramView::stationId).orElse(null));
        StreamId stream = StreamId.of(StreetCase.STREAM, caseId);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("caseId", caseId.toString());
        if (contactAt != null) {
            UUID patrolId = null;
            if (patrolKey != null) {
                patrolId = context.imported(c, OutreachProgrammeSheet.NAME, patrolKey)
                        .map(m -> m.get("patrolId"))
                        .map(UUID::fromString)
                        .orElse(null);
                if (patrolId == null || !programs.isPatrolOf(c, patrolId, programId)) {
                    row.problem(
                            "patrolKey",
                            patrolKey,
                            patrolId == null
                                    ? "no outing with this 活动编号 was imported (sheet outreach-programmes)"
                                    : "is an outing of another programme than the case's");
                    row.check();
                }
            }
            UUID contactId = UUID.randomUUID();
            UUID patrol = patrolId;
            String by = madeBy != null ? madeBy : context.metadata().actor().subject();
            execute(
                    c,
                    row,
                    stream,
                    sc -> sc.recordContact(contactId, services, supplies, patrol, by, contactAt),
                    context,
                    "contactAt");
            ids.put("contactId", contactId.toString());
        }
        if (name != null || hometown != null) {
            OffsetDateTime at = identifiedAt != null ? identifiedAt : contactAt;
            execute(
                    c,
                    row,
                    stream,
                    sc -> sc.identify(name, hometown, at),
                    context,
                    identifiedAt != null ? "identifiedAt" : "contactAt");
        }
        if (outcome != null) {
            execute(c, row, stream, sc -> sc.recordOutcome(outcome, null, outcomeAt), context, "outcomeAt");
        }
        return ids;
    }

    /** The case's first row: POST /api/street-cases, with its rules. */
    private Map<String, String> open(
            Connection c, ImportRow row, String caseKey, OffsetDateTime firstEvent, ImportContext context)
            throws SQLException {
        String programKey = row.required("programKey", 100);
        String location = row.text("location", 200);
        String description = row.text("description", 2000);
        OffsetDateTime openedAt = row.date("openedAt", firstEvent == null);
        row.check();
        Map<String, String> programme = context.imported(c, OutreachProgrammeSheet.PROGRAMMES, programKey)
                .orElse(null);
        if (programme == null) {
            row.problem(
                    "programKey",
                    programKey,
                    "no programme with this 项目编号 was imported; import the sheet outreach-programmes first");
            row.check();
        }
        UUID programId = UUID.fromString(programme.get("programId"));
        context.requireStation(
                "programKey",
                programs.find(c, programId).map(Programs.ProgramView::stationId).orElse(null));
        UUID caseId = UUID.randomUUID();
        sourcing.append(
                c,
                StreamId.of(StreetCase.STREAM, caseId),
                0,
                StreetCase.open(caseId, programId, location, description, openedAt != null ? openedAt : firstEvent),
                context.metadata());
        Map<String, String> ids = Map.of("caseId", caseId.toString(), "programId", programId.toString());
        context.remember(c, CASES, caseKey, row.number(), ids);
        return ids;
    }

    private static List<OutreachService> services(ImportRow row, boolean required) {
        String v = row.text("services", 500);
        List<OutreachService> found = new ArrayList<>();
        if (v == null) {
            if (required) {
                row.problem("services", null, "is required with a contact (服务时间)");
            }
            return found;
        }
        for (String part : v.split("[、,，;；/]")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            OutreachService service = SERVICES.get(s);
            if (service == null) {
                try {
                    service = OutreachService.valueOf(s.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    row.problem("services", v, s + " is not a service: " + String.join(", ", SERVICES.keySet()));
                    continue;
                }
            }
            if (!found.contains(service)) {
                found.add(service);
            }
        }
        return found;
    }

    private static BigDecimal money(ImportRow row, String field) {
        String v = row.text(field);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(
                    v.replace(",", "").replace("元", "").replace("¥", "").strip());
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
                row.problem(field, v, "must be between 0 and 10000000 yuan");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            row.problem(field, v, "is not an amount of yuan");
            return null;
        }
    }

    private void execute(
            Connection c,
            ImportRow row,
            StreamId stream,
            Function<StreetCase, List<NewEvent>> decide,
            ImportContext context,
            String dateField)
            throws SQLException {
        try {
            sourcing.execute(c, stream, null, StreetCase::from, decide, context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", dateField));
        }
    }
}
