package org.homeward.search.deadline;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.List;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Paging;
import org.homeward.platform.web.Period;
import org.homeward.search.deadline.Deadlines.Compliance;
import org.homeward.search.deadline.Deadlines.Overdue;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The national deadlines of each unidentified person admitted ({@link Deadlines}): what is overdue at a
 * moment, and how many admissions of a period met each deadline; per station ({@code stationId}, ADR 13).
 */
@Path("/api/deadlines")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class DeadlineResource {
    private final EventSourcing sourcing;
    private final Deadlines deadlines;
    private final Caller caller;

    public DeadlineResource(EventSourcing sourcing, Deadlines deadlines, Caller caller) {
        this.sourcing = sourcing;
        this.deadlines = deadlines;
        this.caller = caller;
    }

    /** Overdue at the start of {@code asOf}, or now when none is given. */
    @GET
    @Path("overdue")
    public RestResponse<List<Overdue>> overdue(
            @QueryParam("asOf") String asOf,
            @QueryParam("stationId") String stationId,
            @QueryParam("limit") @DefaultValue(Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        OffsetDateTime t = asOf == null ? BusinessTime.now() : DateParams.startOf(DateParams.date("asOf", asOf));
        String station = caller.stationScope(stationId);
        return Paging.slice(sourcing.inTransaction(c -> deadlines.overdue(c, t, station)), limit, offset);
    }

    @GET
    @Path("compliance")
    public Compliance compliance(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("stationId") String stationId) {
        Period period = Period.parse(from, to);
        String station = caller.stationScope(stationId);
        return sourcing.inTransaction(c -> deadlines.compliance(c, period, station));
    }
}
