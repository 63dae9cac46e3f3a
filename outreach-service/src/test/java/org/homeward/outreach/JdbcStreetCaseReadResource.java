package org.homeward.outreach;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.outreach.program.ProgramAccess;
import org.homeward.outreach.streetcase.StreetCaseCommands;
import org.homeward.outreach.streetcase.StreetCases;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.Versions;

/**
 * Tests only: GET /api/street-cases/{id} on JDBC, so that {@link OutreachCommandBenchmark} times it beside the
 * reactive read in the same run (ADR 43). {@code /{id}}: as it was served before, a read transaction on a worker
 * thread (the case, its contacts, the case again, the programme with its case counts). {@code /lean/{id}}: the
 * reactive read's three statements (the case, its contacts, the programme's kind and partner) without a
 * transaction, on JDBC: the driver and the thread compared with the statements held equal.
 */
@Path("/api/jdbc-street-cases")
@RolesAllowed({Roles.OUTREACH_WORKER, Roles.STATION_STAFF, Roles.ADMIN, Roles.PARTNER})
public class JdbcStreetCaseReadResource {
    private final EventSourcing sourcing;
    private final StreetCaseCommands commands;
    private final AgroalDataSource dataSource;
    private final ProgramAccess access;

    public JdbcStreetCaseReadResource(
            EventSourcing sourcing, StreetCaseCommands commands, AgroalDataSource dataSource, ProgramAccess access) {
        this.sourcing = sourcing;
        this.commands = commands;
        this.dataSource = dataSource;
        this.access = access;
    }

    @GET
    @Path("{caseId}")
    public Response asBefore(@PathParam("caseId") UUID caseId) {
        return answer(caseId, sourcing.inTransaction(c -> commands.visibleCase(c, caseId)));
    }

    @GET
    @Path("lean/{caseId}")
    public Response lean(@PathParam("caseId") UUID caseId) throws SQLException {
        ProgramAccess.Reach reach = access.reach();
        try (Connection c = dataSource.getConnection()) {
            Optional<StreetCases.StreetCaseView> found = Sql.one(
                    c,
                    "SELECT street_case.*, survivor_of(resident_person_id) AS resident_reads_as FROM street_case "
                            + "WHERE case_id = ?",
                    rs -> new StreetCases.StreetCaseView(
                            rs.getObject("case_id", UUID.class),
                            rs.getObject("program_id", UUID.class),
                            rs.getString("location"),
                            rs.getString("description"),
                            rs.getObject("opened_at", OffsetDateTime.class),
                            rs.getObject("identified_at", OffsetDateTime.class),
                            rs.getString("name"),
                            rs.getString("hometown"),
                            rs.getString("outcome"),
                            rs.getObject("outcome_at", OffsetDateTime.class),
                            rs.getObject("referral_id", UUID.class),
                            rs.getObject("resident_reads_as", UUID.class),
                            rs.getObject("resident_person_id", UUID.class),
                            rs.getLong("version"),
                            List.of()),
                    caseId);
            if (found.isEmpty()) {
                return answer(caseId, found);
            }
            StreetCases.StreetCaseView v = found.get();
            List<StreetCases.ContactView> contacts = Sql.list(
                    c,
                    "SELECT * FROM contact WHERE case_id = ? ORDER BY made_at",
                    rs -> new StreetCases.ContactView(
                            rs.getObject("contact_id", UUID.class),
                            List.of(rs.getString("services").split(",")),
                            rs.getBigDecimal("supplies_value"),
                            rs.getObject("patrol_id", UUID.class),
                            rs.getString("made_by"),
                            rs.getObject("made_at", OffsetDateTime.class)),
                    caseId);
            Optional<Boolean> mayUse = Sql.one(
                    c,
                    "SELECT kind, partner_id FROM program WHERE program_id = ?",
                    rs -> reach.mayUse(rs.getString(1), rs.getString(2)),
                    v.programId());
            if (!mayUse.orElse(!reach.partner())) {
                return answer(caseId, Optional.empty());
            }
            return answer(
                    caseId,
                    Optional.of(new StreetCases.StreetCaseView(
                            v.caseId(),
                            v.programId(),
                            v.location(),
                            v.description(),
                            v.openedAt(),
                            v.identifiedAt(),
                            v.name(),
                            v.hometown(),
                            v.outcome(),
                            v.outcomeAt(),
                            v.referralId(),
                            v.residentPersonId(),
                            v.linkedPersonId(),
                            v.version(),
                            contacts)));
        }
    }

    private static Response answer(UUID caseId, Optional<StreetCases.StreetCaseView> found) {
        StreetCases.StreetCaseView view = found.orElseThrow(() -> HomewardException.notFound("Street case", caseId));
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }
}
