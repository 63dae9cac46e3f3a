package org.homeward.intake.referral;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Paging;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Expected arrivals from outreach: the people the station should receive, per station
 * ({@code stationId}; a user bound to a station sees only its own, ADR 13), a page at a time.
 */
@Path("/api/referrals")
@RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class ReferralResource {
    private final EventSourcing sourcing;
    private final ReferralViews referrals;
    private final Caller caller;

    public ReferralResource(EventSourcing sourcing, ReferralViews referrals, Caller caller) {
        this.sourcing = sourcing;
        this.referrals = referrals;
        this.caller = caller;
    }

    @GET
    public RestResponse<List<ReferralViews.ReferralView>> list(
            @QueryParam("pending") @DefaultValue("false") boolean pending,
            @QueryParam("stationId") String stationId,
            @QueryParam("limit") @DefaultValue(Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        String station = caller.stationScope(stationId);
        return sourcing.inTransaction(c ->
                Paging.page(referrals.list(c, pending, station, limit, offset), referrals.count(c, pending, station)));
    }
}
