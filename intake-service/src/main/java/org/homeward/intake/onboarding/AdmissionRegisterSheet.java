package org.homeward.intake.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.Sex;
import org.homeward.domain.StreamId;
import org.homeward.intake.admission.Admissions;
import org.homeward.intake.station.StationViews;
import org.homeward.intake.stay.ExitDetails;
import org.homeward.intake.stay.Stay;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.domain.DomainException;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * The admission register (入站登记): one row per stay — the admission, a hospital episode during it,
 * and its exit — recorded in that order with the sheet's dates, as staff would have recorded them.
 * Rows with the same person key are one person's stays (a returning client), in the order of the file.
 */
@ApplicationScoped
public class AdmissionRegisterSheet implements ImportSheet {
    static final String NAME = "admissions";
    /** The import_row "sheet" under which person keys are remembered. */
    static final String PERSONS = "admissions#person";

    private static final List<Column> COLUMNS = List.of(
            Column.required(SOURCE_KEY, "登记编号", "the stay's number in the station's register; a row imported once is not imported again", "DG2017-0001", "编号", "登记号"),
            Column.optional("personKey", "人员编号", "the person's own number, the same on each of a returning client's rows; without it every row is a new person", "P-0001", "人员号"),
            Column.required("stationId", "站点", "the station's id in Homeward", "dongguan", "站点编号", "救助站"),
            Column.optional("name", "姓名", "blank when unknown", "张伟"),
            Column.required("sex", "性别", "男 / 女 / 不详", "男"),
            Column.optional("estimatedAge", "年龄", "estimated age in years, 0 to 120", "45", "估计年龄"),
            Column.required("identified", "身份已核实", "是 when the identity was confirmed at admission, else 否", "否", "身份是否核实"),
            Column.optional("hometown", "籍贯", "as given", "湖南省湘西州", "户籍地", "家乡"),
            Column.optional("description", "体貌特征", "free text", "湘西口音，左手有疤", "备注"),
            Column.required("arrivalChannel", "来站方式", "自行求助 / 公安护送 / 街面转介 / 医院转送 / 外站转入 / 群众送站", "公安护送", "来源"),
            Column.required("admittedAt", "入站时间", "2018-03-01, 2018年3月1日, 2018.3.1 or 2018/3/1 9:30", "2018-03-01 09:30", "入站日期", "受助时间"),
            Column.optional("hospital", "住院医院", "a hospital episode during the stay", "东莞市第三人民医院", "医院"),
            Column.optional("hospitalisedAt", "住院时间", "start of the hospital episode", "2018-03-05", "入院时间"),
            Column.optional("hospitalReturnedAt", "出院时间", "end of the hospital episode (blank: still in hospital)", "2018-03-20", "返站时间"),
            Column.optional("dischargedAt", "离站时间", "blank while the person is still in the station", "2018-04-02", "离站日期"),
            Column.optional("exitType", "离站方式", "亲属接回 / 护送返乡 / 自行离站 / 安置 / 转站 / 死亡", "亲属接回", "去向"),
            Column.optional("pickedUpBy", "接领人", "亲属接回: who picked the person up", "张建国"),
            Column.optional("relation", "与受助人关系", "亲属接回: their relation", "儿子", "关系"),
            Column.optional("destination", "护送目的地", "护送返乡: where to", "湖南省凤凰县"),
            Column.optional("transport", "交通方式", "护送返乡: tickets or transport", "K9068次列车"),
            Column.optional("escortStaff", "护送人员", "护送返乡: staff, comma-separated", "李明,王芳"),
            Column.optional("receivingStationId", "转入站点", "转站: the receiving station's id", "guangzhou"),
            Column.optional("signedStatement", "签署离站声明", "自行离站: 是 / 否", "是"),
            Column.optional("statementReference", "声明编号", "自行离站: the signed statement's number", "ZX-2018-017"),
            Column.optional("institution", "安置机构", "安置: the institution", "东莞市社会福利院"),
            Column.optional("deathPlace", "死亡地点", "死亡: where", "东莞市人民医院"),
            Column.optional("actionsTaken", "善后处理", "死亡: what was done", "报警、通知民政、遗体火化"));

    private final EventSourcing sourcing;
    private final Admissions admissions;
    private final StationViews stations;

    public AdmissionRegisterSheet(EventSourcing sourcing, Admissions admissions, StationViews stations) {
        this.sourcing = sourcing;
        this.admissions = admissions;
        this.stations = stations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "入站登记";
    }

    @Override
    public String description() {
        return "One row per stay: the admission, a hospital episode during it and the exit, with their dates";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String personKey = row.text("personKey", 100);
        String stationId = row.required("stationId", 64);
        String name = row.text("name", 100);
        Sex sex = row.choice("sex", Sex.class, RegisterLabels.SEX, true);
        Integer age = row.integer("estimatedAge", 0, 120);
        Boolean identified = row.yesNo("identified", true);
        String hometown = row.text("hometown", 200);
        String description = row.text("description", 2000);
        ArrivalChannel channel = row.choice("arrivalChannel", ArrivalChannel.class, RegisterLabels.ARRIVAL, true);
        OffsetDateTime admittedAt = row.date("admittedAt", true);
        String hospital = row.text("hospital", 200);
        OffsetDateTime hospitalisedAt = row.date("hospitalisedAt", hospital != null);
        OffsetDateTime returnedAt = row.date("hospitalReturnedAt", false);
        OffsetDateTime dischargedAt = row.date("dischargedAt", false);
        ExitType exit = row.choice("exitType", ExitType.class, RegisterLabels.EXIT, dischargedAt != null);
        if (exit != null && dischargedAt == null && row.text("dischargedAt") == null) {
            row.problem("dischargedAt", null, "is required with an exit type");
        }
        if (channel == ArrivalChannel.OUTREACH_REFERRAL) {
            row.problem("arrivalChannel", row.raw("arrivalChannel"), "an outreach referral is admitted against its referral in the API; "
                    + "in a register import write the channel the person came by (e.g. 公安护送) or import the referral first");
        }
        if (hospital == null && (row.text("hospitalisedAt") != null || row.text("hospitalReturnedAt") != null)) {
            row.problem("hospital", null, "is required with a hospital date");
        }
        row.check();
        context.requireStation("stationId", stationId);

        Optional<Map<String, String>> known = personKey == null ? Optional.empty()
                : context.imported(c, PERSONS, personKey);
        Admissions.Admitted admitted;
        try {
            admitted = admissions.admit(c, known.isPresent() ? null
                            : new Admissions.Newcomer(name, sex, age, identified, hometown, description),
                    known.map(k -> UUID.fromString(k.get("personId"))).orElse(null), stationId, channel, null, admittedAt,
                    context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", "admittedAt"));
        }
        if (personKey != null && known.isEmpty()) {
            context.remember(c, PERSONS, personKey, row.number(), Map.of("personId", admitted.personId().toString()));
        }
        StreamId stay = StreamId.of(Stay.STREAM, admitted.stayId());
        if (hospital != null) {
            UUID episode = UUID.randomUUID();
            execute(c, row, stay, s -> s.startHospitalisation(episode, hospital, hospitalisedAt), context, "hospitalisedAt");
            if (returnedAt != null) {
                execute(c, row, stay, s -> s.endHospitalisation(episode, returnedAt), context, "hospitalReturnedAt");
            }
        }
        if (dischargedAt != null) {
            if (exit == ExitType.DECEASED) {
                String place = row.required("deathPlace", 200);
                String actions = row.required("actionsTaken", 2000);
                row.check();
                execute(c, row, stay, s -> s.recordDeath(place, actions, dischargedAt), context, "dischargedAt");
            } else {
                ExitDetails details = new ExitDetails(row.text("pickedUpBy", 200), row.text("relation", 50),
                        row.text("destination", 200), row.text("transport", 200), row.text("escortStaff", 500),
                        row.text("receivingStationId", 64), row.yesNo("signedStatement", false),
                        row.text("statementReference", 200), row.text("institution", 200));
                row.check();
                execute(c, row, stay, s -> s.discharge(exit, details, id -> stations.exists(c, id), dischargedAt), context, "dischargedAt");
                if (exit == ExitType.PLACED_IN_CARE) {
                    try {
                        stations.requireInstitution(c, stationId, details.institution(), "institution");
                    } catch (HomewardException | DomainException e) {
                        throw RowRejected.of(row, e, Map.of());
                    }
                }
            }
        }
        Map<String, String> entity = new LinkedHashMap<>();
        entity.put("personId", admitted.personId().toString());
        entity.put("stayId", admitted.stayId().toString());
        return entity;
    }

    private void execute(Connection c, ImportRow row, StreamId stay, java.util.function.Function<Stay, List<org.homeward.domain.NewEvent>> decide,
                         ImportContext context, String dateField) throws SQLException {
        try {
            sourcing.execute(c, stay, null, Stay::from, decide, context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", dateField));
        }
    }
}
