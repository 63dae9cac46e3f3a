package org.homeward.intake.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.domain.DomainException;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.intake.person.Person;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Identity fragments (身份线索) gathered in conversation: a nickname, an accent, a relative's name,
 * each on the person of a stay imported with the admission register (import that first).
 */
@ApplicationScoped
public class FragmentSheet implements ImportSheet {
    private static final List<Column> COLUMNS = List.of(
            Column.required(SOURCE_KEY, "线索编号", "the fragment's number in the station's records", "XS-0001", "编号"),
            Column.required(
                    "admissionKey",
                    "入站登记编号",
                    "the 登记编号 of the stay (admission register) whose person it is about",
                    "DG2017-0001",
                    "登记编号"),
            Column.required("kind", "类型", "姓名 / 昵称 / 口音 / 家乡 / 亲属 / 电话 / 证件号片段 / 其他", "昵称", "线索类型"),
            Column.required("value", "内容", "what was heard or seen", "阿强", "线索内容"),
            Column.optional("source", "来源", "工作人员 / 志愿者 / 公安 (blank: 工作人员)", "工作人员"),
            Column.optional("collectedBy", "记录人", "who gathered it", "李明"),
            Column.required("occurredAt", "时间", "when it was gathered", "2018-03-02", "记录时间", "日期"));

    private final EventSourcing sourcing;
    private final StayViews stays;

    public FragmentSheet(EventSourcing sourcing, StayViews stays) {
        this.sourcing = sourcing;
        this.stays = stays;
    }

    @Override
    public String name() {
        return "fragments";
    }

    @Override
    public String title() {
        return "身份线索";
    }

    @Override
    public String description() {
        return "One identity fragment per row, about the person of a stay imported with the admission register";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String admissionKey = row.required("admissionKey", 200);
        FragmentKind kind = row.choice("kind", FragmentKind.class, RegisterLabels.FRAGMENT, true);
        String value = row.required("value", 500);
        FragmentSource source = row.choice("source", FragmentSource.class, RegisterLabels.SOURCE, false);
        String collectedBy = row.text("collectedBy", 100);
        OffsetDateTime at = row.date("occurredAt", true);
        row.check();
        Map<String, String> stay =
                context.imported(c, AdmissionRegisterSheet.NAME, admissionKey).orElse(null);
        if (stay == null) {
            row.problem(
                    "admissionKey",
                    admissionKey,
                    "no row of the admission register with this 登记编号 was imported; import it first");
            row.check();
        }
        String station = stays.find(c, UUID.fromString(stay.get("stayId")))
                .map(StayViews.StayView::stationId)
                .orElse(null);
        context.requireStation("admissionKey", station);
        UUID personId = UUID.fromString(stay.get("personId"));
        UUID fragmentId = UUID.randomUUID();
        try {
            sourcing.execute(
                    c,
                    StreamId.of(Person.STREAM, personId),
                    null,
                    Person::from,
                    p -> p.recordFragment(
                            fragmentId, kind, value, source == null ? FragmentSource.STAFF : source, collectedBy, at),
                    context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of());
        }
        return Map.of("personId", personId.toString(), "fragmentId", fragmentId.toString());
    }
}
