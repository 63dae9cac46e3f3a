package org.homeward.intake.stay;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.eventstore.LoadedStream;
import org.homeward.eventstore.NewEvent;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;

/**
 * One admission episode, from admission to discharge. A stay stays open while the person is in
 * hospital: a hospitalised person is still the station's.
 */
public final class Stay {
    public static final String STREAM = "stay";

    private UUID id;
    private UUID personId;
    private String stationId;
    private OffsetDateTime admittedAt;
    private OffsetDateTime lastEventAt;
    private UUID openHospitalisation;
    private OffsetDateTime hospitalisedAt;
    private boolean discharged;

    public static Stay from(LoadedStream stream) {
        Stay stay = new Stay();
        stream.events().forEach(stay::evolve);
        return stay;
    }

    public static List<NewEvent> admit(UUID stayId, UUID personId, String stationId, ArrivalChannel channel,
                                       UUID referralId, boolean identified, OffsetDateTime at) {
        return List.of(new NewEvent(new PersonAdmitted(stayId, personId, stationId, channel, referralId, identified), at));
    }

    public List<NewEvent> startHospitalisation(UUID hospitalisationId, String hospital, OffsetDateTime at) {
        requireOpen();
        if (openHospitalisation != null) {
            throw HomewardException.conflict("The person is already in hospital (episode " + openHospitalisation + ")");
        }
        BusinessTime.notBefore(at, lastEventAt, "the stay's last recorded event");
        return List.of(new NewEvent(new HospitalisationStarted(id, hospitalisationId, hospital), at));
    }

    public List<NewEvent> endHospitalisation(UUID hospitalisationId, OffsetDateTime at) {
        requireOpen();
        if (!hospitalisationId.equals(openHospitalisation)) {
            throw HomewardException.conflict("Hospital episode " + hospitalisationId + " is not open on this stay");
        }
        BusinessTime.notBefore(at, hospitalisedAt, "the start of the hospital episode");
        return List.of(new NewEvent(new HospitalisationEnded(id, hospitalisationId), at));
    }

    /** A discharge while in hospital (death in hospital, pickup from the ward) ends the episode with it. */
    public List<NewEvent> discharge(ExitType exitType, OffsetDateTime at) {
        requireOpen();
        if (at.isBefore(admittedAt)) {
            throw HomewardException.rule("occurredAt", "Discharge cannot precede the admission (" + admittedAt + ")");
        }
        BusinessTime.notBefore(at, lastEventAt, "the stay's last recorded event");
        List<NewEvent> events = new ArrayList<>();
        if (openHospitalisation != null) {
            events.add(new NewEvent(new HospitalisationEnded(id, openHospitalisation), at));
        }
        events.add(new NewEvent(new PersonDischarged(id, personId, stationId, exitType), at));
        return events;
    }

    public boolean exists() {
        return id != null;
    }

    private void requireOpen() {
        if (id == null) {
            throw HomewardException.notFound("Stay", "");
        }
        if (discharged) {
            throw HomewardException.conflict("Stay " + id + " is closed: the person was discharged");
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
        } else if (event instanceof PersonDischarged) {
            discharged = true;
        }
    }
}
