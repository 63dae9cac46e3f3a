package org.homeward.intake.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.intake.person.PersonViews;
import org.homeward.intake.stay.Stay;
import org.homeward.intake.stay.StayViews;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * The hospital list (住院名单): one row per hospital episode, as many per stay as the person had,
 * each on the stay of an admission-register row (its 登记编号). Episodes are recorded in the order of
 * the file and must follow one another in time, and come before the stay's exit: the Stay aggregate
 * refuses an episode that overlaps an open one or is dated before the stay's last recorded event.
 */
@ApplicationScoped
public class HospitalListSheet implements ImportSheet {
    private static final List<Column> COLUMNS = List.of(
            Column.required(
                    SOURCE_KEY,
                    "住院编号",
                    "the episode's number in the hospital list; a row imported once is not imported again",
                    "ZY2018-001",
                    "编号",
                    "序号"),
            Column.required(
                    "admissionKey",
                    "入站登记编号",
                    "the 登记编号 of the stay (admission register) the person was in hospital from",
                    "DG2017-0001",
                    "登记编号"),
            Column.optional(
                    "name",
                    "姓名",
                    "the person's name, to check the row against the register (blank: not checked)",
                    "张伟"),
            Column.required("hospital", "医院", "the hospital", "东莞市第三人民医院", "住院医院", "送治医院"),
            Column.required("hospitalisedAt", "入院时间", "start of the episode", "2018-03-05", "住院时间", "送医时间"),
            Column.optional(
                    "returnedAt", "出院时间", "end of the episode (blank: still in hospital)", "2018-03-20", "返站时间"));

    private final StayExits stayEvents;
    private final StayViews stays;
    private final PersonViews persons;

    HospitalListSheet(StayExits stayEvents, StayViews stays, PersonViews persons) {
        this.stayEvents = stayEvents;
        this.stays = stays;
        this.persons = persons;
    }

    @Override
    public String name() {
        return "hospital-list";
    }

    @Override
    public String title() {
        return "住院名单";
    }

    @Override
    public String description() {
        return "One row per hospital episode, several per stay if need be, on the stay of an admission-register row; "
                + "import it after the register and before the exits";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String admissionKey = row.required("admissionKey", 200);
        String name = row.text("name", 100);
        String hospital = row.required("hospital", 200);
        OffsetDateTime hospitalisedAt = row.date("hospitalisedAt", true);
        OffsetDateTime returnedAt = row.date("returnedAt", false);
        if (returnedAt != null && hospitalisedAt != null && returnedAt.isBefore(hospitalisedAt)) {
            row.problem("returnedAt", row.raw("returnedAt"), "is before the 入院时间");
        }
        row.check();
        Map<String, String> admission =
                context.imported(c, AdmissionRegisterSheet.NAME, admissionKey).orElse(null);
        if (admission == null) {
            row.problem(
                    "admissionKey",
                    admissionKey,
                    "no row of the admission register with this 登记编号 was imported; import it first");
            row.check();
        }
        UUID stayId = UUID.fromString(admission.get("stayId"));
        StayViews.StayView stay = stays.find(c, stayId).orElseThrow();
        context.requireStation("admissionKey", stay.stationId());
        if (stay.dischargedAt() != null) {
            row.problem(
                    "admissionKey",
                    admissionKey,
                    "the stay was discharged on "
                            + stay.dischargedAt()
                                    .atZoneSameInstant(BusinessTime.PLATFORM_ZONE)
                                    .toLocalDate()
                            + " before its hospital episodes were imported: import the admission register without its exits "
                            + "(map=离站时间:- map=离站方式:-), then this list, then the register again as the sheet exits (README, Moving in)");
            row.check();
        }
        String registered = persons.find(c, stay.personId())
                .map(PersonViews.PersonView::name)
                .orElse(null);
        if (name != null && registered != null && !registered.equals(name)) {
            row.problem("name", name, "the person of " + admissionKey + " is registered as " + registered);
            row.check();
        }
        UUID episode = UUID.randomUUID();
        StreamId stream = StreamId.of(Stay.STREAM, stayId);
        stayEvents.execute(
                c,
                row,
                stream,
                s -> s.startHospitalisation(episode, hospital, hospitalisedAt),
                context,
                "hospitalisedAt");
        if (returnedAt != null) {
            stayEvents.execute(c, row, stream, s -> s.endHospitalisation(episode, returnedAt), context, "returnedAt");
        }
        return Map.of(
                "personId",
                admission.get("personId"),
                "stayId",
                stayId.toString(),
                "hospitalisationId",
                episode.toString());
    }
}
