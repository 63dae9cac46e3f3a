package org.homeward.intake.admission;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.Transactions;
import org.homeward.intake.duplicate.DuplicateCheck;
import org.homeward.intake.duplicate.DuplicateCheck.SuspectedPair;
import org.homeward.platform.sourcing.Commands;

/**
 * The admission's command handler (ADR 30): checks the command's shape, takes the business time and the
 * caller from {@link Commands}, runs {@link Admissions} in one transaction and, for a new registration,
 * asks whether the person is on record already. Refuses with the domain's exceptions.
 */
@ApplicationScoped
public class AdmissionCommands {

    /** The admission as decided; {@code possibleDuplicates}: records that may be the newly registered person. */
    public record Admission(UUID personId, UUID stayId, List<SuspectedPair> possibleDuplicates) {}

    private final Commands commands;
    private final Admissions admissions;
    private final DuplicateCheck duplicates;

    public AdmissionCommands(Commands commands, Admissions admissions, DuplicateCheck duplicates) {
        this.commands = commands;
        this.admissions = admissions;
        this.duplicates = duplicates;
    }

    /**
     * Admits {@code newcomer} (a new person) or the known person {@code personId}, exactly one of them;
     * {@code arrivalChannel} may be left out when a {@code referralId} is given.
     */
    public Admission admit(
            Admissions.Newcomer newcomer,
            UUID personId,
            String stationId,
            ArrivalChannel arrivalChannel,
            UUID referralId,
            OffsetDateTime occurredAt) {
        if ((newcomer == null) == (personId == null)) {
            throw new InvalidCommand("person", "give either a new person or the personId of a known one");
        }
        ArrivalChannel channel = channelOf(arrivalChannel, referralId);
        OffsetDateTime at = commands.at(occurredAt);
        Metadata meta = commands.metadata();
        Admissions.Admitted admitted;
        try {
            admitted = commands.inTransaction(
                    c -> admissions.admit(c, newcomer, personId, stationId, channel, referralId, at, meta));
        } catch (Transactions.DataAccessException e) {
            // the unique index on a person's open stay: a concurrent admission of the same person won
            if ("23505".equals(e.getCause() instanceof SQLException s ? s.getSQLState() : null)) {
                throw new StateConflict("The person already has an open stay");
            }
            throw e;
        }
        List<SuspectedPair> suspected = newcomer == null ? List.of() : duplicates.of(admitted.personId());
        return new Admission(admitted.personId(), admitted.stayId(), suspected);
    }

    private static ArrivalChannel channelOf(ArrivalChannel arrivalChannel, UUID referralId) {
        if (referralId == null) {
            if (arrivalChannel == null) {
                throw new InvalidCommand("arrivalChannel", "must not be null");
            }
            return arrivalChannel;
        }
        if (arrivalChannel != null && arrivalChannel != ArrivalChannel.OUTREACH_REFERRAL) {
            throw new RuleViolated("arrivalChannel", "An admission with a referralId arrives as OUTREACH_REFERRAL");
        }
        return ArrivalChannel.OUTREACH_REFERRAL;
    }
}
