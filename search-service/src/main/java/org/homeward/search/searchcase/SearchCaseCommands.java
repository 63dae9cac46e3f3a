package org.homeward.search.searchcase;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.domain.StreamId;
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.OpeningReason;
import org.homeward.events.search.VerificationOutcome;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.Commands;
import org.homeward.search.partner.Partners;

/**
 * The search case's command handlers: each names the decision; {@link Commands} owns the business
 * time, the caller, the version read ({@code expectedVersion}, null for any) and the transaction.
 */
@ApplicationScoped
public class SearchCaseCommands {
    private final Commands commands;
    private final SearchCaseViews cases;
    private final Partners partners;
    private final KnownPersons persons;

    public SearchCaseCommands(Commands commands, SearchCaseViews cases, Partners partners, KnownPersons persons) {
        this.commands = commands;
        this.cases = cases;
        this.partners = partners;
        this.persons = persons;
    }

    /**
     * A case opened by hand for a person intake announced; one open case per person, with the records merged
     * into them (ADR 31); a merged-away record is refused naming its survivor. Answers its id.
     */
    public UUID open(UUID personId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        UUID caseId = UUID.randomUUID();
        try {
            commands.inTransaction(c -> {
                if (!persons.isKnown(c, personId)) {
                    // Intake's events reach search within seconds: a person admitted just now is not an error.
                    throw HomewardException.notYetKnown(
                            "personId",
                            "Person " + personId
                                    + " is not known to search-service yet; if intake registered them just now, retry shortly",
                            2);
                }
                // a case is opened for the survivor, as intake's commands are addressed to it
                PersonMergeTable.requireNotMergedAway(c, personId, "personId");
                Optional<UUID> open = cases.openCaseOfPerson(c, personId);
                if (open.isPresent()) {
                    throw new StateConflict(
                            "Person " + personId + " already has an open search case, " + open.get()
                                    + " (of this person or of a record merged into them)",
                            "personId",
                            "has open case " + open.get());
                }
                return commands.append(
                        c, stream(caseId), SearchCase.open(caseId, personId, OpeningReason.MANUAL, null, at));
            });
        } catch (Transactions.DataAccessException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw alreadyOpen(personId); // the one-open-case index: a concurrent opening won
            }
            throw e;
        }
        return caseId;
    }

    /** Answers the new lead's id; a partner named must be registered. */
    public UUID recordLead(
            UUID caseId,
            Long expectedVersion,
            LeadChannel channel,
            String partnerId,
            String summary,
            String reportedBy,
            OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        UUID leadId = UUID.randomUUID();
        commands.inTransaction(c -> {
            if (partnerId != null && partners.find(c, partnerId).isEmpty()) {
                throw new RuleViolated("partnerId", "Unknown partner " + partnerId);
            }
            return commands.decide(
                    c,
                    stream(caseId),
                    expectedVersion,
                    SearchCase::from,
                    (sc, tx) -> sc.recordLead(leadId, channel, partnerId, summary, reportedBy, at));
        });
        return leadId;
    }

    public void verifyLead(
            UUID caseId,
            Long expectedVersion,
            UUID leadId,
            VerificationOutcome outcome,
            List<String> contacted,
            OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(caseId, expectedVersion, sc -> sc.verifyLead(leadId, outcome, contacted, at));
    }

    /** Answers the notice's id. */
    public UUID publishNotice(UUID caseId, Long expectedVersion, NoticeMedium medium, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        UUID noticeId = UUID.randomUUID();
        decide(caseId, expectedVersion, sc -> sc.publishNotice(noticeId, medium, at));
        return noticeId;
    }

    public void requestDna(UUID caseId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(caseId, null, sc -> sc.requestDnaSample(at));
    }

    public void recordSuccess(
            UUID caseId,
            Long expectedVersion,
            UUID leadId,
            String creditedStaff,
            String creditedUnit,
            OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(caseId, expectedVersion, sc -> sc.recordSuccess(leadId, creditedStaff, creditedUnit, at));
    }

    /** Closed by hand; a case already closed is a conflict. */
    public void close(UUID caseId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(caseId, null, sc -> {
            if (!sc.isOpen()) {
                throw new StateConflict("Search case " + caseId + " is already closed");
            }
            return sc.close(ClosureReason.MANUAL, at);
        });
    }

    private void decide(UUID caseId, Long expectedVersion, Function<SearchCase, List<NewEvent>> decision) {
        commands.decide(stream(caseId), expectedVersion, SearchCase::from, (sc, c) -> decision.apply(sc));
    }

    private static StateConflict alreadyOpen(UUID personId) {
        return new StateConflict(
                "Person " + personId + " already has an open search case", "personId", "has an open case");
    }

    static StreamId stream(UUID caseId) {
        return StreamId.of(SearchCase.STREAM, caseId);
    }
}
