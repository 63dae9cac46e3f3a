package org.homeward.intake.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.homeward.domain.DomainException;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.ExitType;
import org.homeward.intake.station.StationViews;
import org.homeward.intake.stay.ExitDetails;
import org.homeward.intake.stay.Stay;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * A stay's events from a sheet row, through the Stay aggregate as the API records them: the exit
 * with the details its type needs (the admission register and the exits sheet), and hospital
 * episodes (the admission register and the hospital list).
 */
@ApplicationScoped
class StayExits {
    /** The exit columns, shared by the admission register and the exits sheet (which reads the register's file). */
    static final List<Column> COLUMNS = List.of(
            Column.optional(
                    "dischargedAt", "离站时间", "blank while the person is still in the station", "2018-04-02", "离站日期"),
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
    private final StationViews stations;

    StayExits(EventSourcing sourcing, StationViews stations) {
        this.sourcing = sourcing;
        this.stations = stations;
    }

    /** The row's exit type, required with a 离站时间 (and a 离站时间 with an exit type). */
    static ExitType exitType(ImportRow row, OffsetDateTime dischargedAt) {
        ExitType exit = row.choice("exitType", ExitType.class, RegisterLabels.EXIT, dischargedAt != null);
        if (exit != null && dischargedAt == null && row.text("dischargedAt") == null) {
            row.problem("dischargedAt", null, "is required with an exit type");
        }
        return exit;
    }

    /** Discharges the stay (or records the death) at {@code dischargedAt}, with the row's exit details. */
    void discharge(
            Connection c,
            ImportRow row,
            StreamId stay,
            String stationId,
            ExitType exit,
            OffsetDateTime dischargedAt,
            ImportContext context)
            throws SQLException {
        if (exit == ExitType.DECEASED) {
            String place = row.required("deathPlace", 200);
            String actions = row.required("actionsTaken", 2000);
            row.check();
            execute(c, row, stay, s -> s.recordDeath(place, actions, dischargedAt), context, "dischargedAt");
            return;
        }
        ExitDetails details = new ExitDetails(
                row.text("pickedUpBy", 200),
                row.text("relation", 50),
                row.text("destination", 200),
                row.text("transport", 200),
                row.text("escortStaff", 500),
                row.text("receivingStationId", 64),
                row.yesNo("signedStatement", false),
                row.text("statementReference", 200),
                row.text("institution", 200));
        row.check();
        execute(
                c,
                row,
                stay,
                s -> s.discharge(exit, details, id -> stations.exists(c, id), dischargedAt),
                context,
                "dischargedAt");
        if (exit == ExitType.PLACED_IN_CARE) {
            try {
                stations.requireInstitution(c, stationId, details.institution(), "institution");
            } catch (HomewardException | DomainException e) {
                throw RowRejected.of(row, e, Map.of());
            }
        }
    }

    /** Runs a decision of the Stay aggregate; a refusal is the row's, its {@code occurredAt} named as {@code dateField}. */
    void execute(
            Connection c,
            ImportRow row,
            StreamId stay,
            Function<Stay, List<NewEvent>> decide,
            ImportContext context,
            String dateField)
            throws SQLException {
        try {
            sourcing.execute(c, stay, null, Stay::from, decide, context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", dateField));
        }
    }
}
