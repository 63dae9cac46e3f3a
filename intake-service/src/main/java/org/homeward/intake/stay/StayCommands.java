package org.homeward.intake.stay;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PlacementDecision;
import org.homeward.intake.station.StationViews;
import org.homeward.platform.sourcing.Commands;

/**
 * The stay's command handlers: each names the decision; {@link Commands} owns the business time,
 * the caller, the version read ({@code expectedVersion}, null for any) and the transaction.
 * Commands that name an institution also check it against the stay's station registry.
 */
@ApplicationScoped
public class StayCommands {
    private final Commands commands;
    private final StationViews stations;

    public StayCommands(Commands commands, StationViews stations) {
        this.commands = commands;
        this.stations = stations;
    }

    /** Answers the new hospital episode's id. */
    public UUID startHospitalisation(UUID stayId, Long expectedVersion, String hospital, OffsetDateTime occurredAt) {
        UUID hospitalisationId = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> s.startHospitalisation(hospitalisationId, hospital, at));
        return hospitalisationId;
    }

    public void endHospitalisation(
            UUID stayId, Long expectedVersion, UUID hospitalisationId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> s.endHospitalisation(hospitalisationId, at));
    }

    /** A discharge with its exit details; a final placement names an institution of the station's registry. */
    public void discharge(
            UUID stayId, Long expectedVersion, ExitType exitType, ExitDetails details, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> {
            List<NewEvent> decided = s.discharge(exitType, details, station -> stations.exists(c, station), at);
            return exitType == ExitType.PLACED_IN_CARE
                    ? registered(c, s, decided, details.institution().strip())
                    : decided;
        });
    }

    public void decidePlacement(
            UUID stayId, Long expectedVersion, PlacementDecision decision, String note, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> s.decidePlacement(decision, note, at));
    }

    /** Answers the new entrusted-care period's id. */
    public UUID startEntrustedCare(UUID stayId, Long expectedVersion, String institution, OffsetDateTime occurredAt) {
        UUID entrustedCareId = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        decide(
                stayId,
                expectedVersion,
                (s, c) -> registered(c, s, s.startEntrustedCare(entrustedCareId, institution, at), institution));
        return entrustedCareId;
    }

    public void returnFromEntrustedCare(
            UUID stayId, Long expectedVersion, UUID entrustedCareId, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> s.returnFromEntrustedCare(entrustedCareId, at));
    }

    /** Answers the new period's id. */
    public UUID transferEntrustedCare(
            UUID stayId, Long expectedVersion, UUID entrustedCareId, String institution, OffsetDateTime occurredAt) {
        UUID next = UUID.randomUUID();
        OffsetDateTime at = commands.at(occurredAt);
        decide(
                stayId,
                expectedVersion,
                (s, c) ->
                        registered(c, s, s.transferEntrustedCare(entrustedCareId, next, institution, at), institution));
        return next;
    }

    public void recordDeath(
            UUID stayId, Long expectedVersion, String place, String actionsTaken, OffsetDateTime occurredAt) {
        OffsetDateTime at = commands.at(occurredAt);
        decide(stayId, expectedVersion, (s, c) -> s.recordDeath(place, actionsTaken, at));
    }

    private void decide(UUID stayId, Long expectedVersion, Commands.Decision<Stay> decision) {
        commands.decide(StreamId.of(Stay.STREAM, stayId), expectedVersion, Stay::from, decision);
    }

    /** The aggregate decided; the institution must also be one the stay's station registered (rules first, then the registry). */
    private List<NewEvent> registered(Connection c, Stay stay, List<NewEvent> decided, String institution)
            throws SQLException {
        stations.requireInstitution(c, stay.stationId(), institution, "institution");
        return decided;
    }
}
