package org.homeward.intake.referral;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.RuleViolated;
import org.homeward.domain.StateConflict;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ReferralEvent.ArrivalExpected;
import org.homeward.events.intake.ReferralEvent.ArrivalRecorded;

/** An arrival the station expects because outreach brought someone in; closed by the admission that quotes it. */
@Aggregate
public final class Referral {
    public static final String STREAM = "referral";

    private UUID id;
    private String stationId;
    private UUID arrivedAs;

    public static Referral from(LoadedStream stream) {
        Referral referral = new Referral();
        stream.events().forEach(referral::evolve);
        return referral;
    }

    public static List<NewEvent> expect(
            UUID referralId, UUID streetCaseId, String stationId, String name, OffsetDateTime at) {
        return List.of(new NewEvent(new ArrivalExpected(referralId, streetCaseId, stationId, name), at));
    }

    public List<NewEvent> arrive(UUID stayId, UUID personId, String atStation, OffsetDateTime at) {
        if (id == null) {
            throw new RuleViolated("referralId", "No referral with this id is expected");
        }
        if (arrivedAs != null) {
            throw new StateConflict("Referral " + id + " was already admitted as stay " + arrivedAs);
        }
        if (stationId != null && !stationId.equals(atStation)) {
            throw new RuleViolated("stationId", "The referral is for station " + stationId);
        }
        return List.of(new NewEvent(new ArrivalRecorded(id, stayId, personId), at));
    }

    public boolean exists() {
        return id != null;
    }

    private void evolve(EventEnvelope envelope) {
        if (envelope.payload() instanceof ArrivalExpected e) {
            id = e.referralId();
            stationId = e.stationId();
        } else if (envelope.payload() instanceof ArrivalRecorded e) {
            arrivedAs = e.stayId();
        }
    }
}
