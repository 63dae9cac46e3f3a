package org.homeward.search.agenda;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.List;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Paging;
import org.homeward.platform.web.Period;
import org.homeward.search.agenda.ReviewAgenda.AgendaItem;
import org.homeward.search.agenda.ReviewAgenda.StaffTally;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The weekly family-search meeting (寻亲服务例会): open cases, longest without progress first, and
 * the tally of successes per staff member and unit (评比). Both per station ({@code stationId}; a
 * user bound to a station sees only its own, ADR 13); the agenda a page at a time. The queries are
 * {@link ReviewAgenda}'s.
 */
@Path("/api")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class ReviewAgendaResource {
    private final EventSourcing sourcing;
    private final ReviewAgenda agenda;
    private final Caller caller;

    public ReviewAgendaResource(EventSourcing sourcing, ReviewAgenda agenda, Caller caller) {
        this.sourcing = sourcing;
        this.agenda = agenda;
        this.caller = caller;
    }

    /** Open cases as they stood at the start of {@code asOf} (default today). */
    @GET
    @Path("review-agenda")
    public RestResponse<List<AgendaItem>> agenda(
            @QueryParam("asOf") String asOf,
            @QueryParam("stationId") String stationId,
            @QueryParam("limit") @DefaultValue(Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        LocalDate day = DateParams.dateOr("asOf", asOf, DateParams.today().plusDays(1));
        String station = caller.stationScope(stationId);
        return sourcing.inTransaction(
                c -> Paging.page(agenda.open(c, day, station, limit, offset), agenda.countOpen(c, day, station)));
    }

    @GET
    @Path("staff-tally")
    public StaffTally tally(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("stationId") String stationId) {
        Period period = Period.parse(from, to);
        String station = caller.stationScope(stationId);
        return sourcing.inTransaction(c -> agenda.tally(c, period, station));
    }
}
