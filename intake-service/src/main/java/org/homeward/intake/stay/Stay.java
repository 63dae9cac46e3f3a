package org.homeward.intake.stay;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.homeward.domain.Aggregate;
import org.homeward.domain.BusinessTimeOrder;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.domain.UnknownRecord;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PlacementDecision;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.intake.StayEvent.DeathRecorded;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.EntrustedCareTransferred;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.intake.StayEvent.PlacementDecided;

/**
 * One admission episode, from admission to discharge. A stay stays open while the person is in
 * hospital or in entrusted care (托养, at a contracted institution): such a person is still the
 * station's. A final placement (安置, exit type PLACED_IN_CARE) and a death end it.
 */
@Aggregate
public final class Stay {
    public static final String STREAM = "stay";

    private UUID id;
    private UUID personId;
    private String stationId;
    private OffsetDateTime admittedAt;
    private OffsetDateTime lastEventAt;
    private UUID openHospitalisation;
    private OffsetDateTime hospitalisedAt;
    private UUID openEntrustedCare;
    private boolean discharged;

    /** The station the stay is at (whose registry names the institutions it may place with). */
    public String stationId() {
        return stationId;
    }

    public static Stay from(LoadedStream stream) {
        Stay stay = new Stay();
        stream.events().forEach(stay::evolve);
        return stay;
    }

    public static List<NewEvent> admit(
            UUID stayId,
            UUID personId,
            String stationId,
            ArrivalChannel channel,
            UUID referralId,
            boolean identified,
            OffsetDateTime at) {
        return List.of(
                new NewEvent(new PersonAdmitted(stayId, personId, stationId, channel, referralId, identified), at));
    }

    public List<NewEvent> startHospitalisation(UUID hospitalisationId, String hospital, OffsetDateTime at) {
        requireOpen();
        if (openHospitalisation != null) {
            throw new StateConflict("The person is already in hospital (episode " + openHospitalisation + ")");
        }
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(new NewEvent(new HospitalisationStarted(id, hospitalisationId, hospital), at));
    }

    public List<NewEvent> endHospitalisation(UUID hospitalisationId, OffsetDateTime at) {
        requireOpen();
        if (!hospitalisationId.equals(openHospitalisation)) {
            throw new StateConflict("Hospital episode " + hospitalisationId + " is not open on this stay");
        }
        BusinessTimeOrder.notBefore(at, hospitalisedAt, "the start of the hospital episode");
        return List.of(new NewEvent(new HospitalisationEnded(id, hospitalisationId), at));
    }

    /** Entrusted care (托养) at a contracted institution: one period at a time, the stay stays open. */
    public List<NewEvent> startEntrustedCare(UUID entrustedCareId, String institution, OffsetDateTime at) {
        requireOpen();
        if (openEntrustedCare != null) {
            throw conflict(
                    "institution",
                    "The person is already in entrusted care (period " + openEntrustedCare
                            + "); record a transfer or a return first");
        }
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(new NewEvent(new EntrustedCareStarted(id, entrustedCareId, institution), at));
    }

    /** The person came back to the station from the open entrusted-care period. */
    public List<NewEvent> returnFromEntrustedCare(UUID entrustedCareId, OffsetDateTime at) {
        requireOpenEntrustedCare(entrustedCareId);
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(new NewEvent(new EntrustedCareEnded(id, entrustedCareId), at));
    }

    /** The person moved from the open period's institution to another one. */
    public List<NewEvent> transferEntrustedCare(
            UUID entrustedCareId, UUID newEntrustedCareId, String institution, OffsetDateTime at) {
        requireOpenEntrustedCare(entrustedCareId);
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(
                new NewEvent(new EntrustedCareTransferred(id, entrustedCareId, newEntrustedCareId, institution), at));
    }

    /** A death: where and what was done, then the discharge (DECEASED) that closes the stay. */
    public List<NewEvent> recordDeath(String place, String actionsTaken, OffsetDateTime at) {
        requireOpen();
        List<NewEvent> discharge = discharge(ExitType.DECEASED, at);
        List<NewEvent> events = new ArrayList<>();
        events.add(new NewEvent(new DeathRecorded(id, personId, place, actionsTaken), at));
        events.addAll(discharge);
        return events;
    }

    /** The 10-day rule: what the station decided for the stay (several may follow one another). */
    public List<NewEvent> decidePlacement(PlacementDecision decision, String note, OffsetDateTime at) {
        requireOpen();
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(new NewEvent(new PlacementDecided(id, decision, note), at));
    }

    /**
     * A discharge with the details its exit type needs (ExitDetails): refused, naming the field,
     * when one is missing or the receiving station is unknown or the stay's own.
     */
    public List<NewEvent> discharge(
            ExitType exitType, ExitDetails details, Predicate<String> knownStation, OffsetDateTime at) {
        requireOpen();
        NewEvent recorded = new NewEvent(details.event(id, exitType, stationId, knownStation), at);
        List<NewEvent> events = new ArrayList<>(discharge(exitType, at));
        events.add(events.size() - 1, recorded); // the details just before the discharge they describe
        return events;
    }

    /**
     * A discharge while in hospital (death in hospital, pickup from the ward) ends the episode with
     * it; one from entrusted care (a family picking the person up at the institution, a final
     * placement there) ends the entrusted-care period.
     */
    List<NewEvent> discharge(ExitType exitType, OffsetDateTime at) {
        requireOpen();
        if (at.isBefore(admittedAt)) {
            throw new RuleViolated("occurredAt", "Discharge cannot precede the admission (" + admittedAt + ")");
        }
        BusinessTimeOrder.notBefore(at, lastEventAt, "the stay's last recorded event");
        List<NewEvent> events = new ArrayList<>();
        if (openHospitalisation != null) {
            events.add(new NewEvent(new HospitalisationEnded(id, openHospitalisation), at));
        }
        if (openEntrustedCare != null) {
            events.add(new NewEvent(new EntrustedCareEnded(id, openEntrustedCare), at));
        }
        events.add(new NewEvent(new PersonDischarged(id, personId, stationId, exitType), at));
        return events;
    }

    private void requireOpenEntrustedCare(UUID entrustedCareId) {
        requireOpen();
        if (!entrustedCareId.equals(openEntrustedCare)) {
            throw conflict("entrustedCareId", "Entrusted care " + entrustedCareId + " is not open on this stay");
        }
    }

    private static StateConflict conflict(String field, String detail) {
        return new StateConflict(detail, field, detail);
    }

    public boolean exists() {
        return id != null;
    }

    private void requireOpen() {
        if (id == null) {
            throw new UnknownRecord("Stay", "");
        }
        if (discharged) {
            throw conflict("stayId", "Stay " + id + " is closed: the person was discharged");
        }
    }

    private void evolve(EventEnvelope envelope) {
        StayEvent event = (StayEvent) envelope.payload();
        lastEventAt = envelope.occurredAt();
        if (event instanceof PersonAdmitted e) {
            id = e.stayId();
            personId = e.personId();
            stationId = e.stationId();
            admittedAt = envelope.occurredAt();
        } else if (event instanceof HospitalisationStarted e) {
            openHospitalisation = e.hospitalisationId();
            hospitalisedAt = envelope.occurredAt();
        } else if (event instanceof HospitalisationEnded) {
            openHospitalisation = null;
        } else if (event instanceof EntrustedCareStarted e) {
            openEntrustedCare = e.entrustedCareId();
        } else if (event instanceof EntrustedCareTransferred e) {
            openEntrustedCare = e.entrustedCareId();
        } else if (event instanceof EntrustedCareEnded) {
            openEntrustedCare = null;
        } else if (event instanceof PersonDischarged) {
            discharged = true;
        }
    }
}
