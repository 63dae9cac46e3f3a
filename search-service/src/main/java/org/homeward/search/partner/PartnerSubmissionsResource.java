package org.homeward.search.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * What a partner may see: its own leads and what became of them, with no person data (no names,
 * fragments, health or police results) and nothing of any other partner's work.
 */
@Path("/api/partner-submissions")
@RolesAllowed(Roles.PARTNER)
public class PartnerSubmissionsResource {

    public record Submission(
            UUID leadId,
            UUID caseId,
            String summary,
            OffsetDateTime reportedAt,
            String verification,
            OffsetDateTime verifiedAt,
            boolean familyFound) {}

    private final EventSourcing sourcing;
    private final Caller caller;

    public PartnerSubmissionsResource(EventSourcing sourcing, Caller caller) {
        this.sourcing = sourcing;
        this.caller = caller;
    }

    @GET
    public List<Submission> mine() {
        String partner = caller.partnerId();
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT l.lead_id, l.case_id, l.summary, l.reported_at, "
                        + "l.verification, l.verified_at, EXISTS (SELECT 1 FROM success s WHERE s.lead_id = l.lead_id) AS found "
                        + "FROM lead l WHERE l.partner_id = ? ORDER BY l.reported_at DESC LIMIT 1000",
                rs -> new Submission(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class),
                        rs.getBoolean(7)),
                partner));
    }
}
