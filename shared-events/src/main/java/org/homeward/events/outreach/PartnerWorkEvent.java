package org.homeward.events.outreach;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.SchemaVersion;

/**
 * Social participation (社会参与): the work a partner does for and with the station, what the station
 * gives partners, and the station's publicity. {@code partnerId} is null only for a publicity
 * activity the station holds without a partner.
 */
public sealed interface PartnerWorkEvent extends DomainEvent {
    String partnerId();

    /** Volunteer visits to the station, e.g. for identity inquiries (让爱回家: 898 in 2018). */
    record VolunteerVisitsRecorded(String partnerId, int visits, String purpose) implements PartnerWorkEvent {}

    /**
     * A cooperation agreement (救助服务合作协议) with a station: its parties, its term ({@code validUntil}
     * null: open-ended), which clues and which patient information are shared, and under what consent.
     */
    record AgreementSigned(
            String partnerId,
            UUID agreementId,
            String stationId,
            List<String> parties,
            LocalDate validFrom,
            LocalDate validUntil,
            List<String> cluesShared,
            List<String> patientInformationShared,
            String consent)
            implements PartnerWorkEvent {}

    /** A partner's capacity on a date: street-rescue volunteer teams, workrooms, volunteers. */
    record CapacityReported(String partnerId, LocalDate asOf, int teams, int workrooms, int volunteers)
            implements PartnerWorkEvent {}

    /**
     * One line of the ledger of supplies and funds given to a partner, valued in {@code currency} (CNY)
     * as a whole number of fen (分). Version 2: version 1 carried {@code amount} in yuan as a decimal
     * JSON number, which most consumers read as a binary float (0.1 + 0.2 ≠ 0.3 in a ledger's sum);
     * {@link org.homeward.events.upcast.SupportGivenInFen} reads version-1 records as version 2.
     */
    @SchemaVersion(2)
    record SupportGiven(
            String partnerId,
            UUID supportId,
            String stationId,
            String giver,
            SupportKind kind,
            String description,
            long amountFen,
            String currency)
            implements PartnerWorkEvent {

        /** The amount in yuan, to the fen. */
        public BigDecimal amountInYuan() {
            return BigDecimal.valueOf(amountFen, 2);
        }
    }

    /** A publicity or public-interest activity: an open day, a class, an internship, a media report. */
    record PublicityActivityHeld(
            String partnerId, UUID activityId, String stationId, PublicityKind kind, String title, int participants)
            implements PartnerWorkEvent {}
}
