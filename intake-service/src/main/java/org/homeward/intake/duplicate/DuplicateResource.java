package org.homeward.intake.duplicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/**
 * Suspected duplicate persons for staff to review: all pairs (of a station), or those of one person
 * (after an admission or an import). Names are shown, so reads are audited.
 */
@Path("/api/persons/duplicates")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class DuplicateResource {
    private final DuplicateCheck check;
    private final Caller caller;
    private final AuditLog audit;

    public DuplicateResource(DuplicateCheck check, Caller caller, AuditLog audit) {
        this.check = check;
        this.caller = caller;
        this.audit = audit;
    }

    /** Suspected pairs, best first: of one person ({@code personId}), or all of a station (or of all stations). */
    @GET
    public DuplicateCheck.Page list(@QueryParam("personId") UUID personId, @QueryParam("stationId") String stationId,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                                    @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        String station = caller.stationScope(stationId);
        DuplicateCheck.Page page = check.page(personId, station, limit, offset);
        audit.record(caller, "READ_DUPLICATES", personId != null ? personId : station == null ? "all stations" : station);
        return page;
    }
}
