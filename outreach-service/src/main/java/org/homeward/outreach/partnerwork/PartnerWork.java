package org.homeward.outreach.partnerwork;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StateConflict;
import org.homeward.events.outreach.PartnerWorkEvent.AgreementSigned;
import org.homeward.events.outreach.PartnerWorkEvent.CapacityReported;
import org.homeward.events.outreach.PartnerWorkEvent.PublicityActivityHeld;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.homeward.events.outreach.PublicityKind;
import org.homeward.events.outreach.SupportKind;

/**
 * One partner's work with the stations (stream {@code partner-work/<partnerId>}): its agreements,
 * capacity reports, and the supplies and funds it was given. Decides each command from its history.
 */
@Aggregate
public final class PartnerWork {
    /** The ledger's one currency: amounts are yuan with at most two decimals (分). */
    public static final String CURRENCY = "CNY";

    private record Term(String stationId, LocalDate from, LocalDate until) {
        boolean overlaps(LocalDate otherFrom, LocalDate otherUntil) {
            return (until == null || otherFrom.isBefore(until)) && (otherUntil == null || from.isBefore(otherUntil));
        }
    }

    private final String partnerId;
    private final List<Term> agreements = new ArrayList<>();

    private PartnerWork(String partnerId) {
        this.partnerId = partnerId;
    }

    public static PartnerWork from(String partnerId, LoadedStream stream) {
        PartnerWork work = new PartnerWork(partnerId);
        stream.events().forEach(e -> {
            if (e.payload() instanceof AgreementSigned a) {
                work.agreements.add(new Term(a.stationId(), a.validFrom(), a.validUntil()));
            }
        });
        return work;
    }

    /**
     * An agreement with a station; {@code validUntil} (exclusive) after {@code validFrom}; patient
     * information is shared only under a stated consent; one agreement with a station at a time.
     */
    public List<NewEvent> signAgreement(
            UUID agreementId,
            String stationId,
            List<String> parties,
            LocalDate validFrom,
            LocalDate validUntil,
            List<String> clues,
            List<String> patientInformation,
            String consent,
            OffsetDateTime at) {
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new InvalidCommand("validUntil", "must be after validFrom");
        }
        if (clues.isEmpty() && patientInformation.isEmpty()) {
            throw new InvalidCommand("cluesShared", "an agreement shares clues or patient information");
        }
        if (!patientInformation.isEmpty() && (consent == null || consent.isBlank())) {
            throw new InvalidCommand("consent", "is required when patient information is shared");
        }
        if (agreements.stream().anyMatch(t -> t.stationId().equals(stationId) && t.overlaps(validFrom, validUntil))) {
            throw new StateConflict(
                    "Partner " + partnerId + " already has an agreement with station " + stationId + " in that term");
        }
        return List.of(new NewEvent(
                new AgreementSigned(
                        partnerId,
                        agreementId,
                        stationId,
                        List.copyOf(parties),
                        validFrom,
                        validUntil,
                        List.copyOf(clues),
                        List.copyOf(patientInformation),
                        consent == null ? null : consent.strip()),
                at));
    }

    public List<NewEvent> reportCapacity(LocalDate asOf, int teams, int workrooms, int volunteers, OffsetDateTime at) {
        if (teams < 0 || workrooms < 0 || volunteers < 0) {
            throw new InvalidCommand(
                    teams < 0 ? "teams" : workrooms < 0 ? "workrooms" : "volunteers", "must not be negative");
        }
        return List.of(new NewEvent(new CapacityReported(partnerId, asOf, teams, workrooms, volunteers), at));
    }

    /** A ledger line: an amount of at least zero, in yuan to the fen. */
    public List<NewEvent> giveSupport(
            UUID supportId,
            String stationId,
            String giver,
            SupportKind kind,
            String description,
            BigDecimal amount,
            String currency,
            OffsetDateTime at) {
        if (currency != null && !CURRENCY.equals(currency)) {
            throw new InvalidCommand("currency", "must be CNY");
        }
        if (amount.signum() < 0) {
            throw new InvalidCommand("amount", "must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidCommand("amount", "has at most two decimals (fen)");
        }
        return List.of(new NewEvent(
                new SupportGiven(
                        partnerId,
                        supportId,
                        stationId,
                        giver,
                        kind,
                        description,
                        amount.movePointRight(2).longValueExact(),
                        CURRENCY),
                at));
    }

    /** A publicity activity of a station (stream {@code publicity/<activityId>}), with this partner or none. */
    public static List<NewEvent> holdPublicity(
            UUID activityId,
            String stationId,
            String partnerId,
            PublicityKind kind,
            String title,
            int participants,
            OffsetDateTime at) {
        if (participants < 0) {
            throw new InvalidCommand("participants", "must not be negative");
        }
        return List.of(new NewEvent(
                new PublicityActivityHeld(partnerId, activityId, stationId, kind, title, participants), at));
    }
}
