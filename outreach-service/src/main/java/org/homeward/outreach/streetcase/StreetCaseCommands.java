package org.homeward.outreach.streetcase;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StreamId;
import org.homeward.domain.UnknownRecord;
import org.homeward.events.outreach.OutreachService;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.outreach.program.ProgramAccess;
import org.homeward.outreach.program.Programs;
import org.homeward.outreach.registry.KnownStations;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.sourcing.Commands;

/**
 * The street case's command handlers: each checks what the case's programme allows and names the
 * decision; {@link Commands} owns the business time, the caller, the version read
 * ({@code expectedVersion}, null for any) and the transaction. A partner sees only the cases of its
 * own teams' programmes: another's case is unknown to it.
 */
@ApplicationScoped
public class StreetCaseCommands {
    private final Commands commands;
    private final StreetCases cases;
    private final Programs programs;
    private final ProgramAccess access;
    private final KnownStations known;

    public StreetCaseCommands(
            Commands commands, StreetCases cases, Programs programs, ProgramAccess access, KnownStations known) {
        this.commands = commands;
        this.cases = cases;
        this.programs = programs;
        this.access = access;
        this.known = known;
    }

    /** Answers the new case's id. */
    public UUID open(UUID programId, String location, String description, OffsetDateTime occurredAt) {
        UUID caseId = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            if (access.isPartner()) {
                access.visible(c, programId);
            }
            if (programs.runner(c, programId).isEmpty()) {
                throw new RuleViolated("programId", "Unknown programme " + programId);
            }
            return commands.append(c, stream(caseId), StreetCase.open(caseId, programId, location, description, at));
        });
        return caseId;
    }

    /** Answers the contact's id; a patrol named must be one of the case's programme. */
    public UUID recordContact(
            UUID caseId,
            Long expectedVersion,
            List<OutreachService> services,
            BigDecimal suppliesValue,
            UUID patrolId,
            String madeBy,
            OffsetDateTime occurredAt) {
        UUID contactId = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            StreetCases.StreetCaseView found = requireVisible(c, caseId);
            if (patrolId != null && !programs.isPatrolOf(c, patrolId, found.programId())) {
                throw new RuleViolated(
                        "patrolId", "Patrol " + patrolId + " is not a patrol of programme " + found.programId());
            }
            return commands.decide(
                    c,
                    stream(caseId),
                    expectedVersion,
                    StreetCase::from,
                    (sc, tx) -> sc.recordContact(contactId, services, suppliesValue, patrolId, madeBy, at));
        });
        return contactId;
    }

    public void identify(UUID caseId, Long expectedVersion, String name, String hometown, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            requireVisible(c, caseId);
            return commands.decide(
                    c, stream(caseId), expectedVersion, StreetCase::from, (sc, tx) -> sc.identify(name, hometown, at));
        });
    }

    /** The outcome counts for the programme's station (a return home by the station, a rescue into it). */
    public void recordOutcome(UUID caseId, Long expectedVersion, StreetOutcome outcome, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            StreetCases.StreetCaseView found = requireVisible(c, caseId);
            String station = programs.runner(c, found.programId())
                    .map(Programs.Runner::stationId)
                    .orElse(null);
            return commands.decide(
                    c,
                    stream(caseId),
                    expectedVersion,
                    StreetCase::from,
                    (sc, tx) -> sc.recordOutcome(outcome, station, at));
        });
    }

    /**
     * One person, not two: the hospital post's patient is the station's own resident in hospital.
     * The person must have an open stay in hospital at the programme's station, as outreach knows
     * from intake's topic: a stay of theirs or of a record merged into them. A record intake merged
     * away is refused naming its survivor, as intake refuses commands to it (ADR 23).
     */
    public void linkResident(UUID caseId, Long expectedVersion, UUID personId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            StreetCases.StreetCaseView found = requireVisible(c, caseId);
            PersonMergeTable.requireNotMergedAway(c, personId, "personId");
            KnownStations.ResidentStay stay = known.inHospital(c, personId)
                    .orElseThrow(() -> new RuleViolated(
                            "personId", "Person " + personId + " has no open stay in hospital known to outreach"));
            String station = programs.runner(c, found.programId())
                    .map(Programs.Runner::stationId)
                    .orElse(null);
            if (station != null && !station.equals(stay.stationId())) {
                throw new RuleViolated(
                        "personId",
                        "Person " + personId + " is a resident of station " + stay.stationId()
                                + ", not of the programme's station " + station);
            }
            return commands.decide(
                    c,
                    stream(caseId),
                    expectedVersion,
                    StreetCase::from,
                    (sc, tx) -> sc.linkToResident(personId, stay.stayId(), found.residentPersonId(), at));
        });
    }

    public void correctOutcome(UUID caseId, StreetOutcome outcome, String reason, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        commands.inTransaction(c -> {
            requireVisible(c, caseId);
            return commands.decide(
                    c, stream(caseId), null, StreetCase::from, (sc, tx) -> sc.correctOutcome(outcome, reason, at));
        });
    }

    /**
     * The street cases linked to the person {@code personId} reads as, through every record of theirs (ADR 23)
     * and of the programmes the caller may see; of {@code programId} only when given.
     */
    public List<StreetCases.StreetCaseView> ofPerson(
            Connection c, UUID personId, UUID programId, Boolean open, int limit, int offset) throws SQLException {
        Map<UUID, Boolean> mayUse = new HashMap<>();
        List<StreetCases.StreetCaseView> visible = new ArrayList<>();
        for (StreetCases.StreetCaseView v : cases.ofPerson(c, personId, open)) {
            Boolean allowed = mayUse.get(v.programId());
            if (allowed == null) {
                allowed = access.mayUseCasesOf(c, v.programId());
                mayUse.put(v.programId(), allowed);
            }
            if (allowed && (programId == null || programId.equals(v.programId()))) {
                visible.add(v);
            }
        }
        return visible.stream().skip(offset).limit(limit).toList();
    }

    /** The case, if it exists and the caller may see its programme (a partner: only its own teams'). */
    public Optional<StreetCases.StreetCaseView> visibleCase(Connection c, UUID caseId) throws SQLException {
        Optional<StreetCases.StreetCaseView> found = cases.find(c, caseId);
        if (found.isPresent() && access.mayUseCasesOf(c, found.get().programId())) {
            return found;
        }
        return Optional.empty();
    }

    private StreetCases.StreetCaseView requireVisible(Connection c, UUID caseId) throws SQLException {
        return visibleCase(c, caseId).orElseThrow(() -> new UnknownRecord("Street case", caseId));
    }

    static StreamId stream(UUID caseId) {
        return StreamId.of(StreetCase.STREAM, caseId);
    }
}
