package org.homeward.intake.referral;

import org.homeward.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.homeward.platform.sourcing.EventSourcing;

/** Expected arrivals from outreach: the people the station should receive. */
@Path("/api/referrals")
@RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class ReferralResource {
    private final EventSourcing sourcing;
    private final ReferralViews referrals;

    public ReferralResource(EventSourcing sourcing, ReferralViews referrals) {
        this.sourcing = sourcing;
        this.referrals = referrals;
    }

    @GET
    public List<ReferralViews.ReferralView> list(@QueryParam("pending") @DefaultValue("false") boolean pending) {
        return sourcing.inTransaction(c -> referrals.list(c, pending));
    }
}
