package org.homeward.search.matching;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;

/** The open missing-person reports proposed for one resident, best first, with score and reasons. */
@Path("/api/persons/{personId}/candidates")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class PersonCandidateResource {
    private final EventSourcing sourcing;
    private final Candidates candidates;
    private final Caller caller;
    private final AuditLog audit;

    public PersonCandidateResource(EventSourcing sourcing, Candidates candidates, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.candidates = candidates;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    public List<Candidates.Candidate> ofPerson(
            @PathParam("personId") UUID personId,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        List<Candidates.Candidate> found = sourcing.inTransaction(c -> candidates.forPerson(c, personId, limit));
        audit.record(caller, "READ_CANDIDATES_OF_PERSON", personId);
        return found;
    }
}
