package org.homeward.events.outreach;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;

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
    record AgreementSigned(String partnerId, UUID agreementId, String stationId, List<String> parties,
                           LocalDate validFrom, LocalDate validUntil, List<String> cluesShared,
                           List<String> patientInformationShared, String consent) implements PartnerWorkEvent {}

    /** A partner's capacity on a date: street-rescue volunteer teams, workrooms, volunteers. */
    record CapacityReported(String partnerId, LocalDate asOf, int teams, int workrooms, int volunteers)
            implements PartnerWorkEvent {}

    /** One line of the ledger of supplies and funds given to a partner, valued in {@code currency} (CNY). */
    record SupportGiven(String partnerId, UUID supportId, String stationId, String giver, SupportKind kind,
                        String description, BigDecimal amount, String currency) implements PartnerWorkEvent {}

    /** A publicity or public-interest activity: an open day, a class, an internship, a media report. */
    record PublicityActivityHeld(String partnerId, UUID activityId, String stationId, PublicityKind kind, String title,
                                 int participants) implements PartnerWorkEvent {}
}
