package org.homeward.outreach.streetcase;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.EventEnvelope;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.outreach.StreetCaseEvent.ContactMade;
import org.homeward.events.outreach.StreetCaseEvent.LinkedToResident;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeCorrected;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseIdentified;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

@ApplicationScoped
public class StreetCases implements LocalProjection {

    public record ContactView(
            UUID contactId,
            List<String> services,
            BigDecimal suppliesValue,
            UUID patrolId,
            String madeBy,
            OffsetDateTime madeAt) {}

    /**
     * A street case. {@code residentPersonId}: the station's resident the patient is, as intake's persons read
     * now (the survivor while the record linked is merged away, ADR 23); {@code linkedPersonId}: the record
     * linked, which an unmerge gives back.
     */
    public record StreetCaseView(
            UUID caseId,
            UUID programId,
            String location,
            String description,
            OffsetDateTime openedAt,
            OffsetDateTime identifiedAt,
            String name,
            String hometown,
            String outcome,
            OffsetDateTime outcomeAt,
            UUID referralId,
            UUID residentPersonId,
            UUID linkedPersonId,
            long version,
            List<ContactView> contacts) {}

    @Override
    public List<String> tables() {
        return List.of("street_case", "contact");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof StreetCaseEvent payload)) {
            return;
        }
        OffsetDateTime at = event.occurredAt();
        if (payload instanceof StreetCaseOpened e) {
            Sql.update(
                    c,
                    "INSERT INTO street_case (case_id, program_id, location, description, opened_at, version) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    e.caseId(),
                    e.programId(),
                    e.location(),
                    e.description(),
                    at,
                    event.streamVersion());
            return;
        }
        if (payload instanceof ContactMade e) {
            Sql.update(
                    c,
                    "INSERT INTO contact VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    e.contactId(),
                    e.caseId(),
                    e.programId(),
                    e.services().stream().map(Enum::name).collect(Collectors.joining(",")),
                    e.suppliesValue(),
                    e.patrolId(),
                    e.madeBy(),
                    at);
            Sql.update(
                    c,
                    "UPDATE street_case SET last_contact_at = GREATEST(last_contact_at, ?) WHERE case_id = ?",
                    at,
                    e.caseId());
        } else if (payload instanceof StreetCaseIdentified e) {
            Sql.update(
                    c,
                    "UPDATE street_case SET name = ?, hometown = ?, identified_at = coalesce(identified_at, ?) "
                            + "WHERE case_id = ?",
                    e.name(),
                    e.hometown(),
                    at,
                    e.caseId());
        } else if (payload instanceof OutcomeRecorded e) {
            Sql.update(
                    c,
                    "UPDATE street_case SET outcome = ?, outcome_at = ?, referral_id = ? WHERE case_id = ?",
                    e.outcome(),
                    at,
                    e.referralId(),
                    e.caseId());
        } else if (payload instanceof OutcomeCorrected e) {
            Sql.update(c, "UPDATE street_case SET outcome = ? WHERE case_id = ?", e.outcome(), e.caseId());
        } else if (payload instanceof LinkedToResident e) {
            Sql.update(c, "UPDATE street_case SET resident_person_id = ? WHERE case_id = ?", e.personId(), e.caseId());
        }
        Sql.update(c, "UPDATE street_case SET version = ? WHERE case_id = ?", event.streamVersion(), payload.caseId());
    }

    /** The case with its contacts: the contacts first, so the version read with the case is no older than they. */
    public Optional<StreetCaseView> find(Connection c, UUID caseId) throws SQLException {
        List<ContactView> contacts = Sql.list(
                c,
                "SELECT * FROM contact WHERE case_id = ? ORDER BY made_at",
                rs -> new ContactView(
                        rs.getObject("contact_id", UUID.class),
                        List.of(rs.getString("services").split(",")),
                        rs.getBigDecimal("supplies_value"),
                        rs.getObject("patrol_id", UUID.class),
                        rs.getString("made_by"),
                        rs.getObject("made_at", OffsetDateTime.class)),
                caseId);
        return Sql.one(c, SELECT + "WHERE case_id = ?", rs -> row(rs, contacts), caseId);
    }

    public List<StreetCaseView> ofProgram(Connection c, UUID programId, Boolean open, int limit, int offset)
            throws SQLException {
        return Sql.list(
                c,
                SELECT + "WHERE program_id = ? AND (?::boolean IS NULL OR (outcome IS NULL) = ?) "
                        + "ORDER BY opened_at LIMIT ? OFFSET ?",
                rs -> row(rs, List.of()),
                programId,
                open,
                open,
                limit,
                offset);
    }

    /** The cases linked to any record that reads as the person (the survivor and the records merged into it). */
    public List<StreetCaseView> ofPerson(Connection c, UUID personId, Boolean open) throws SQLException {
        return Sql.list(
                c,
                SELECT + "WHERE resident_person_id IN (SELECT person_records(?)) "
                        + "AND (?::boolean IS NULL OR (outcome IS NULL) = ?) ORDER BY opened_at, case_id",
                rs -> row(rs, List.of()),
                personId,
                open,
                open);
    }

    /** A case's resident read through intake's merges (person_merge, fed by KnownStations). */
    private static final String SELECT =
            "SELECT street_case.*, survivor_of(resident_person_id) AS resident_reads_as " + "FROM street_case ";

    private static StreetCaseView row(ResultSet rs, List<ContactView> contacts) throws SQLException {
        return new StreetCaseView(
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
                contacts);
    }
}
