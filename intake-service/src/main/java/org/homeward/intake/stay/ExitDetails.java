package org.homeward.intake.stay;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.homeward.domain.DomainException.Violation;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.RuleViolated;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.intake.StayEvent.EscortHomeRecorded;
import org.homeward.events.intake.StayEvent.FamilyPickupRecorded;
import org.homeward.events.intake.StayEvent.FinalPlacementRecorded;
import org.homeward.events.intake.StayEvent.SelfDepartureRecorded;
import org.homeward.events.intake.StayEvent.TransferRecorded;

/**
 * What staff record on a discharge, by exit type (blank strings count as missing):
 * FAMILY_PICKUP {@code pickedUpBy} and {@code relation}; ESCORTED_HOME {@code destination},
 * {@code transport} and {@code escortStaff}; TRANSFERRED {@code receivingStationId}; SELF_DEPARTURE
 * {@code signedStatement} (and {@code statementReference} when signed); PLACED_IN_CARE
 * {@code institution}. A DECEASED discharge carries none: the death endpoint records its details.
 */
public record ExitDetails(
        String pickedUpBy,
        String relation,
        String destination,
        String transport,
        String escortStaff,
        String receivingStationId,
        Boolean signedStatement,
        String statementReference,
        String institution) {

    public static final ExitDetails NONE = new ExitDetails(null, null, null, null, null, null, null, null, null);

    /** The event recording these details for the exit type; every missing field is named at once. */
    StayEvent event(UUID stayId, ExitType type, String ownStation, Predicate<String> knownStation) {
        List<Violation> missing = new ArrayList<>();
        StayEvent event = switch (type) {
            case FAMILY_PICKUP ->
                new FamilyPickupRecorded(
                        stayId, required(missing, "pickedUpBy", pickedUpBy), required(missing, "relation", relation));
            case ESCORTED_HOME ->
                new EscortHomeRecorded(
                        stayId,
                        required(missing, "destination", destination),
                        required(missing, "transport", transport),
                        required(missing, "escortStaff", escortStaff));
            case TRANSFERRED ->
                new TransferRecorded(stayId, required(missing, "receivingStationId", receivingStationId));
            case SELF_DEPARTURE -> {
                if (signedStatement == null) {
                    missing.add(new Violation("signedStatement", "is required for a SELF_DEPARTURE (true or false)"));
                } else if (signedStatement) {
                    required(missing, "statementReference", statementReference);
                }
                yield new SelfDepartureRecorded(
                        stayId, Boolean.TRUE.equals(signedStatement), strip(statementReference));
            }
            case PLACED_IN_CARE -> new FinalPlacementRecorded(stayId, required(missing, "institution", institution));
            case DECEASED ->
                throw new InvalidCommand(
                        "exitType",
                        "a death is recorded with POST /api/stays/{stayId}/death (date, place, actions taken)");
        };
        if (!missing.isEmpty()) {
            throw new InvalidCommand("Exit details missing for " + type, missing);
        }
        if (event instanceof TransferRecorded t) {
            if (t.receivingStationId().equals(ownStation)) {
                throw new RuleViolated("receivingStationId", "is the stay's own station");
            }
            if (!knownStation.test(t.receivingStationId())) {
                throw new RuleViolated(
                        "receivingStationId", "Station " + t.receivingStationId() + " is not registered");
            }
        }
        return event;
    }

    private static String required(List<Violation> missing, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(new Violation(field, "is required for this exit type"));
            return null;
        }
        return value.strip();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
