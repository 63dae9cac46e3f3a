package org.homeward.intake.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.ExitType;
import org.homeward.intake.stay.Stay;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;

/**
 * The exits (离站登记) of stays imported with the admission register, on their own: the register's
 * file itself, read a second time for its 离站 columns only (its other columns are skipped), or a
 * sheet with 登记编号 and the exit columns. It lets a station import the register without its exits,
 * then what happened during the stays (the hospital list, the family-search ledger), then the exits,
 * so that every stay's events are recorded in the order they happened. A row without 离站时间 (a
 * person still in the station) records nothing; a stay whose exit is recorded already is left as it is.
 */
@ApplicationScoped
public class ExitSheet implements ImportSheet {
    private static final List<Column> COLUMNS;

    static {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.required(
                SOURCE_KEY,
                "登记编号",
                "the 登记编号 of the stay (admission register) that ended",
                "DG2017-0001",
                "编号",
                "登记号"));
        columns.addAll(StayExits.COLUMNS);
        COLUMNS = List.copyOf(columns);
    }

    private final StayExits stayEvents;
    private final StayViews stays;

    ExitSheet(StayExits stayEvents, StayViews stays) {
        this.stayEvents = stayEvents;
        this.stays = stays;
    }

    @Override
    public String name() {
        return "exits";
    }

    @Override
    public String title() {
        return "离站登记";
    }

    @Override
    public String description() {
        return "One row per stay that ended, by its 登记编号: the exit and its details; reads the admission register's own file "
                + "(other columns skipped), after the hospital list and the family-search ledger";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public boolean ignoresOtherColumns() {
        return true;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String admissionKey = row.text(SOURCE_KEY);
        OffsetDateTime dischargedAt = row.date("dischargedAt", false);
        ExitType exit = StayExits.exitType(row, dischargedAt);
        row.check();
        if (dischargedAt == null) {
            return null; // still in the station: nothing to record, and the row is read again by a later import
        }
        Map<String, String> admission =
                context.imported(c, AdmissionRegisterSheet.NAME, admissionKey).orElse(null);
        if (admission == null) {
            row.problem(
                    SOURCE_KEY,
                    admissionKey,
                    "no row of the admission register with this 登记编号 was imported; import it first");
            row.check();
        }
        UUID stayId = UUID.fromString(admission.get("stayId"));
        StayViews.StayView stay = stays.find(c, stayId).orElseThrow();
        context.requireStation(SOURCE_KEY, stay.stationId());
        if (stay.dischargedAt() != null) {
            return null; // the register imported with its exits recorded it already
        }
        stayEvents.discharge(c, row, StreamId.of(Stay.STREAM, stayId), stay.stationId(), exit, dischargedAt, context);
        return Map.of("personId", admission.get("personId"), "stayId", stayId.toString());
    }
}
