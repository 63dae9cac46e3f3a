package org.homeward.outreach.program;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.ProgramEvent.PatrolConducted;
import org.homeward.events.outreach.ProgramEvent.ProgramStarted;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.Period;

@ApplicationScoped
public class Programs implements LocalProjection {
    public static final String STREAM = "program";

    public record ProgramView(
            UUID programId,
            String name,
            String kind,
            String stationId,
            String partnerId,
            OffsetDateTime startedAt,
            long cases,
            long openCases) {}

    public record PatrolView(
            UUID patrolId, String campaign, String area, int teams, int peopleMet, OffsetDateTime conductedAt) {}

    public record QuietCase(
            UUID caseId,
            String location,
            OffsetDateTime openedAt,
            OffsetDateTime lastContactAt,
            long daysWithoutContact) {}

    /** Who runs a programme: what access checks and outcomes need of it, without find's case counts. */
    public record Runner(String kind, String stationId, String partnerId) {}

    public record Supplies(UUID programId, LocalDate from, LocalDate to, long contacts, BigDecimal suppliesValue) {}

    @Override
    public List<String> tables() {
        return List.of("program", "patrol");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (event.payload() instanceof ProgramStarted e) {
            Sql.update(
                    c,
                    "INSERT INTO program (program_id, name, kind, station_id, partner_id, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                    e.programId(),
                    e.name(),
                    e.kind(),
                    e.stationId(),
                    e.partnerId(),
                    event.occurredAt());
        } else if (event.payload() instanceof PatrolConducted e) {
            Sql.update(
                    c,
                    "INSERT INTO patrol (patrol_id, program_id, campaign, area, teams, people_met, conducted_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    e.patrolId(),
                    e.programId(),
                    e.campaign(),
                    e.area(),
                    e.teams(),
                    e.peopleMet(),
                    event.occurredAt());
        }
    }

    public Optional<ProgramView> find(Connection c, UUID programId) throws SQLException {
        return Sql.one(c, SELECT + " WHERE p.program_id = ?", Programs::row, programId);
    }

    /** The programme's kind, station and partner: one row by key, where find also counts the programme's cases. */
    public Optional<Runner> runner(Connection c, UUID programId) throws SQLException {
        return Sql.one(
                c,
                "SELECT kind, station_id, partner_id FROM program WHERE program_id = ?",
                rs -> new Runner(rs.getString(1), rs.getString(2), rs.getString(3)),
                programId);
    }

    public List<ProgramView> all(Connection c) throws SQLException {
        return Sql.list(c, SELECT + " ORDER BY p.started_at, p.name", Programs::row);
    }

    public List<PatrolView> patrols(Connection c, UUID programId) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM patrol WHERE program_id = ? ORDER BY conducted_at",
                rs -> new PatrolView(
                        rs.getObject("patrol_id", UUID.class),
                        rs.getString("campaign"),
                        rs.getString("area"),
                        rs.getInt("teams"),
                        rs.getInt("people_met"),
                        rs.getObject("conducted_at", OffsetDateTime.class)),
                programId);
    }

    public boolean isPatrolOf(Connection c, UUID patrolId, UUID programId) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT 1 FROM patrol WHERE patrol_id = ? AND program_id = ?",
                        rs -> true,
                        patrolId,
                        programId)
                .isPresent();
    }

    /** The programme's open cases nobody has contacted for {@code days} days before {@code now}, the quietest first. */
    public List<QuietCase> quietCases(Connection c, UUID programId, OffsetDateTime now, int days) throws SQLException {
        return Sql.list(
                c,
                "SELECT case_id, location, opened_at, coalesce(last_contact_at, opened_at) AS last FROM street_case "
                        + "WHERE program_id = ? AND outcome IS NULL AND coalesce(last_contact_at, opened_at) < ? "
                        + "ORDER BY last",
                rs -> {
                    OffsetDateTime last = rs.getObject("last", OffsetDateTime.class);
                    return new QuietCase(
                            rs.getObject("case_id", UUID.class),
                            rs.getString("location"),
                            rs.getObject("opened_at", OffsetDateTime.class),
                            last,
                            Duration.between(last, now).toDays());
                },
                programId,
                now.minusDays(days));
    }

    /** The contacts the programme's teams made in {@code period} and the value of the supplies they gave. */
    public Supplies supplies(Connection c, UUID programId, Period period) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT count(*), coalesce(sum(supplies_value), 0) FROM contact "
                                + "WHERE program_id = ? AND made_at >= ? AND made_at < ?",
                        rs -> new Supplies(programId, period.from(), period.to(), rs.getLong(1), rs.getBigDecimal(2)),
                        programId,
                        period.start(),
                        period.end())
                .orElseThrow();
    }

    private static final String SELECT = "SELECT p.*, "
            + "(SELECT count(*) FROM street_case s WHERE s.program_id = p.program_id) AS cases, "
            + "(SELECT count(*) FROM street_case s WHERE s.program_id = p.program_id AND s.outcome IS NULL) AS open_cases "
            + "FROM program p";

    private static ProgramView row(ResultSet rs) throws SQLException {
        return new ProgramView(
                rs.getObject("program_id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getString("station_id"),
                rs.getString("partner_id"),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getLong("cases"),
                rs.getLong("open_cases"));
    }
}
