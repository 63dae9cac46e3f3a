package org.homeward.search.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.search.partner.PartnerSubmissions.Submission;

/** What a partner may see: its own leads and what became of them ({@link PartnerSubmissions}). */
@Path("/api/partner-submissions")
@RolesAllowed(Roles.PARTNER)
public class PartnerSubmissionsResource {
    private final EventSourcing sourcing;
    private final PartnerSubmissions submissions;
    private final Caller caller;

    public PartnerSubmissionsResource(EventSourcing sourcing, PartnerSubmissions submissions, Caller caller) {
        this.sourcing = sourcing;
        this.submissions = submissions;
        this.caller = caller;
    }

    @GET
    public List<Submission> mine() {
        String partner = caller.partnerId();
        return sourcing.inTransaction(c -> submissions.of(c, partner));
    }
}
