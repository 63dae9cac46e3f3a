package org.homeward.intake.station;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.homeward.events.intake.StationEvent.InstitutionRegistered;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.eventstore.LoadedStream;
import org.homeward.eventstore.NewEvent;
import org.homeward.platform.problem.HomewardException;

/** A station of the registry, deciding on the institutions it registers. */
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
            throw HomewardException.notFound("Station", "?");
        }
        if (institutionIds.contains(institutionId)) {
            throw new HomewardException(409, "Conflict", "Institution " + institutionId + " is already registered at " + stationId,
                    List.of(new org.homeward.platform.problem.FieldError("institutionId", "is already registered")));
        }
        if (institutionNames.contains(name)) {
            throw new HomewardException(409, "Conflict", "An institution named " + name + " is already registered at " + stationId,
                    List.of(new org.homeward.platform.problem.FieldError("name", "is already registered")));
        }
        return List.of(new NewEvent(new InstitutionRegistered(stationId, institutionId, name, kind), at));
    }
}
