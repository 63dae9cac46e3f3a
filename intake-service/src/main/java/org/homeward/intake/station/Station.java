package org.homeward.intake.station;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.homeward.domain.Aggregate;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StateConflict;
import org.homeward.domain.UnknownRecord;
import org.homeward.events.intake.StationEvent.InstitutionRegistered;
import org.homeward.events.intake.StationEvent.StationRegistered;

/** A station of the registry, deciding on the institutions it registers. */
@Aggregate
public final class Station {
    public static final String STREAM = "station";

    private String stationId;
    private final Set<String> institutionIds = new HashSet<>();
    private final Set<String> institutionNames = new HashSet<>();

    public static Station from(LoadedStream stream) {
        Station s = new Station();
        stream.events().forEach(e -> s.evolve(e.payload()));
        return s;
    }

    private void evolve(Object event) {
        if (event instanceof StationRegistered e) {
            stationId = e.stationId();
        } else if (event instanceof InstitutionRegistered e) {
            institutionIds.add(e.institutionId());
            institutionNames.add(e.name());
        }
    }

    /** A care institution, once per id and per name at a station. */
    public List<NewEvent> registerInstitution(String institutionId, String name, String kind, OffsetDateTime at) {
        if (stationId == null) {
            throw new UnknownRecord("Station", "?");
        }
        if (institutionIds.contains(institutionId)) {
            throw new StateConflict(
                    "Institution " + institutionId + " is already registered at " + stationId,
                    "institutionId",
                    "is already registered");
        }
        if (institutionNames.contains(name)) {
            throw new StateConflict(
                    "An institution named " + name + " is already registered at " + stationId,
                    "name",
                    "is already registered");
        }
        return List.of(new NewEvent(new InstitutionRegistered(stationId, institutionId, name, kind), at));
    }
}
