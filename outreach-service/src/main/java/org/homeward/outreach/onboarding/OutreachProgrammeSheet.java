package org.homeward.outreach.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.domain.DomainException;
import org.homeward.domain.StreamId;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.outreach.program.Program;
import org.homeward.outreach.program.Programs;
import org.homeward.outreach.registry.KnownPartners;
import org.homeward.outreach.registry.KnownStations;
import org.homeward.platform.onboarding.Column;
import org.homeward.platform.onboarding.ImportContext;
import org.homeward.platform.onboarding.ImportRow;
import org.homeward.platform.onboarding.ImportSheet;
import org.homeward.platform.onboarding.RowRejected;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Outreach programmes and their outings (救助活动 / 专项行动): one row per outing — a patrol of a
 * programme on a day, in an area, under a campaign such as 寒冬送温暖 — as the station's activity log
 * has them. The programme (项目编号) is started by its first row, as POST /api/programs would; a row
 * without an outing date only starts its programme.
 */
@ApplicationScoped
public class OutreachProgrammeSheet implements ImportSheet {
    static final String NAME = "outreach-programmes";
    /** The import_row "sheet" under which programme keys are remembered. */
    static final String PROGRAMMES = NAME + "#programme";

    private static final List<Column> COLUMNS = List.of(
            Column.required(
                    SOURCE_KEY,
                    "活动编号",
                    "the outing's number in the station's log; a row imported once is not imported again",
                    "HD2018-001",
                    "编号",
                    "出动编号"),
            Column.required(
                    "programKey", "项目编号", "the programme's own number, the same on each of its rows", "XM-01", "项目号"),
            Column.optional("programName", "项目名称", "the programme's first row: its name", "街面巡查救助", "活动名称"),
            Column.optional("kind", "项目类型", "the programme's first row: 社工项目 / 医院救助点 / 街面巡查 / 合作团队", "街面巡查", "类型"),
            Column.optional(
                    "stationId", "站点", "the programme's first row: the station's id in Homeward", "dongguan", "救助站"),
            Column.optional("partnerId", "合作机构", "合作团队: the partner's id in Homeward", "rangaihuijia", "合作方"),
            Column.optional(
                    "startedAt",
                    "项目开始时间",
                    "the programme's first row (blank: the outing's date)",
                    "2018-01-01",
                    "开始时间"),
            Column.optional("campaign", "专项行动", "the campaign the outing belongs to", "寒冬送温暖", "行动名称"),
            Column.optional(
                    "conductedAt",
                    "出动时间",
                    "the outing's date (blank: the row only starts the programme)",
                    "2018-01-12 20:00",
                    "日期",
                    "出动日期"),
            Column.optional("area", "区域", "with 出动时间: where the teams went", "东城街道", "巡查区域"),
            Column.optional("teams", "出动队数", "with 出动时间: 1 to 1000 (blank: 1)", "3", "队数"),
            Column.optional("peopleMet", "接触人数", "with 出动时间: people met, 0 to 100000 (blank: 0)", "12", "救助人数"));

    static final Map<String, ProgramKind> KINDS = Map.of(
            "社工项目",
            ProgramKind.SOCIAL_WORK_PROJECT,
            "医院救助点",
            ProgramKind.HOSPITAL_POST,
            "街面巡查",
            ProgramKind.STAFF_PATROL,
            "巡查",
            ProgramKind.STAFF_PATROL,
            "合作团队",
            ProgramKind.PARTNER_TEAM,
            "社会组织",
            ProgramKind.PARTNER_TEAM);

    private final EventSourcing sourcing;
    private final Programs programs;
    private final KnownStations stations;
    private final KnownPartners partners;

    public OutreachProgrammeSheet(
            EventSourcing sourcing, Programs programs, KnownStations stations, KnownPartners partners) {
        this.sourcing = sourcing;
        this.programs = programs;
        this.stations = stations;
        this.partners = partners;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "救助活动";
    }

    @Override
    public String description() {
        return "One row per outing of an outreach programme (a patrol or a campaign's day); a programme's first row starts it";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException {
        String programKey = row.required("programKey", 100);
        OffsetDateTime conductedAt = row.date("conductedAt", false);
        String campaign = row.text("campaign", 200);
        String area = row.text("area", 200);
        Integer teams = row.integer("teams", 1, 1000);
        Integer peopleMet = row.integer("peopleMet", 0, 100_000);
        if (conductedAt != null && area == null) {
            row.problem("area", null, "is required with an outing (出动时间)");
        }
        row.check();
        Optional<Map<String, String>> known = context.imported(c, PROGRAMMES, programKey);
        UUID programId;
        if (known.isPresent()) {
            programId = UUID.fromString(known.get().get("programId"));
            context.requireStation(
                    "programKey",
                    programs.find(c, programId)
                            .map(Programs.ProgramView::stationId)
                            .orElse(null));
        } else {
            programId = start(c, row, programKey, conductedAt, context);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("programId", programId.toString());
        if (conductedAt != null) {
            UUID patrolId = UUID.randomUUID();
            try {
                sourcing.execute(
                        c,
                        StreamId.of(Programs.STREAM, programId),
                        null,
                        Program::from,
                        p -> p.conductPatrol(
                                patrolId,
                                campaign,
                                area,
                                teams == null ? 1 : teams,
                                peopleMet == null ? 0 : peopleMet,
                                conductedAt),
                        context.metadata());
            } catch (HomewardException | DomainException e) {
                throw RowRejected.of(row, e, Map.of("occurredAt", "conductedAt"));
            }
            ids.put("patrolId", patrolId.toString());
        }
        return ids;
    }

    /** The programme's first row: POST /api/programs, with its rules. */
    private UUID start(
            Connection c, ImportRow row, String programKey, OffsetDateTime conductedAt, ImportContext context)
            throws SQLException {
        String name = row.required("programName", 200);
        ProgramKind kind = row.choice("kind", ProgramKind.class, KINDS, true);
        String stationId = row.required("stationId", 64);
        String partnerId = row.text("partnerId", 64);
        OffsetDateTime startedAt = row.date("startedAt", conductedAt == null);
        row.check();
        context.requireStation("stationId", stationId);
        OffsetDateTime at = startedAt != null ? startedAt : conductedAt;
        if (conductedAt != null && conductedAt.isBefore(at)) {
            row.problem("conductedAt", row.raw("conductedAt"), "is before the programme's start (项目开始时间)");
        }
        if (!stations.isKnown(c, stationId)) {
            row.problem("stationId", stationId, "Station " + stationId + " is not registered");
        }
        if (partnerId != null && !partners.isKnown(c, partnerId)) {
            row.problem("partnerId", partnerId, "Partner " + partnerId + " is not registered");
        }
        row.check();
        UUID programId = UUID.randomUUID();
        try {
            sourcing.append(
                    c,
                    StreamId.of(Programs.STREAM, programId),
                    0,
                    Program.start(programId, name, kind, stationId, partnerId, at),
                    context.metadata());
        } catch (HomewardException | DomainException e) {
            throw RowRejected.of(row, e, Map.of("occurredAt", "startedAt"));
        }
        context.remember(c, PROGRAMMES, programKey, row.number(), Map.of("programId", programId.toString()));
        return programId;
    }
}
