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
import java.util.stream.Stream;
import org.homeward.domain.DomainException;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.Sex;
import org.homeward.intake.admission.Admissions;
import org.homeward.intake.stay.Stay;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.HomewardException;

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

    private static final List<Column> ADMISSION = List.of(
            Column.required(
                    SOURCE_KEY,
                    "登记编号",
                    "the stay's number in the station's register; a row imported once is not imported again",
                    "DG2017-0001",
                    "编号",
                    "登记号"),
            Column.optional(
                    "personKey",
                    "人员编号",
                    "the person's own number, the same on each of a returning client's rows; without it every row is a new person",
                    "P-0001",
                    "人员号"),
            Column.required("stationId", "站点", "the station's id in Homeward", "dongguan", "站点编号", "救助站"),
            Column.optional("name", "姓名", "blank when unknown", "张伟"),
            Column.required("sex", "性别", "男 / 女 / 不详", "男"),
            Column.optional("estimatedAge", "年龄", "estimated age in years, 0 to 120", "45", "估计年龄"),
            Column.required(
                    "identified", "身份已核实", "是 when the identity was confirmed at admission, else 否", "否", "身份是否核实"),
            Column.optional("hometown", "籍贯", "as given", "湖南省湘西州", "户籍地", "家乡"),
            Column.optional("description", "体貌特征", "free text", "湘西口音，左手有疤", "备注"),
            Column.required("arrivalChannel", "来站方式", "自行求助 / 公安护送 / 街面转介 / 医院转送 / 外站转入 / 群众送站", "公安护送", "来源"),
            Column.required(
                    "admittedAt",
                    "入站时间",
                    "2018-03-01, 2018年3月1日, 2018.3.1 or 2018/3/1 9:30",
                    "2018-03-01 09:30",
                    "入站日期",
                    "受助时间"),
            Column.optional("hospital", "住院医院", "a hospital episode during the stay", "东莞市第三人民医院", "医院"),
            Column.optional("hospitalisedAt", "住院时间", "start of the hospital episode", "2018-03-05", "入院时间"),
            Column.optional(
                    "hospitalReturnedAt",
                    "出院时间",
                    "end of the hospital episode (blank: still in hospital)",
                    "2018-03-20",
                    "返站时间"));
    private static final List<Column> COLUMNS =
            Stream.concat(ADMISSION.stream(), StayExits.COLUMNS.stream()).toList();

    private final Admissions admissions;
    private final StayExits stays;

    AdmissionRegisterSheet(Admissions admissions, StayExits stays) {
        this.admissions = admissions;
        this.stays = stays;
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
        ExitType exit = StayExits.exitType(row, dischargedAt);
        if (channel == ArrivalChannel.OUTREACH_REFERRAL) {
            row.problem(
                    "arrivalChannel",
                    row.raw("arrivalChannel"),
                    "an outreach referral is admitted against its referral in the API; "
                            + "in a register import write the channel the person came by (e.g. 公安护送) or import the referral first");
        }
        if (hospital == null && (row.text("hospitalisedAt") != null || row.text("hospitalReturnedAt") != null)) {
            row.problem("hospital", null, "is required with a hospital date");
        }
        row.check();
        context.requireStation("stationId", stationId);

        Optional<Map<String, String>> known =
                personKey == null ? Optional.empty() : context.imported(c, PERSONS, personKey);
        Admissions.Admitted admitted;
        try {
            admitted = admissions.admit(
                    c,
                    known.isPresent()
                            ? null
                            : new Admissions.Newcomer(name, sex, age, identified, hometown, description),
                    known.map(k -> UUID.fromString(k.get("personId"))).orElse(null),
                    stationId,
                    channel,
                    null,
                    admittedAt,
                    context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", "admittedAt"));
        }
        if (personKey != null && known.isEmpty()) {
            context.remember(
                    c,
                    PERSONS,
                    personKey,
                    row.number(),
                    Map.of("personId", admitted.personId().toString()));
        }
        StreamId stay = StreamId.of(Stay.STREAM, admitted.stayId());
        if (hospital != null) {
            UUID episode = UUID.randomUUID();
            stays.execute(
                    c,
                    row,
                    stay,
                    s -> s.startHospitalisation(episode, hospital, hospitalisedAt),
                    context,
                    "hospitalisedAt");
            if (returnedAt != null) {
                stays.execute(
                        c, row, stay, s -> s.endHospitalisation(episode, returnedAt), context, "hospitalReturnedAt");
            }
        }
        if (dischargedAt != null) {
            stays.discharge(c, row, stay, stationId, exit, dischargedAt, context);
        }
        Map<String, String> entity = new LinkedHashMap<>();
        entity.put("personId", admitted.personId().toString());
        entity.put("stayId", admitted.stayId().toString());
        return entity;
    }
}
