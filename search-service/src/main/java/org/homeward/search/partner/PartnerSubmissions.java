package org.homeward.search.partner;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.sourcing.Sql;

/**
 * A partner's own leads and what became of them, read from the search cases' leads and successes:
 * no person data (no names, fragments, health or police results) and nothing of another partner's work.
 */
@ApplicationScoped
public class PartnerSubmissions {

    public record Submission(
            UUID leadId,
            UUID caseId,
            String summary,
            OffsetDateTime reportedAt,
            String verification,
            OffsetDateTime verifiedAt,
            boolean familyFound) {}

    /** The partner's latest 1000 leads, newest first. */
    public List<Submission> of(Connection c, String partnerId) throws SQLException {
        return Sql.list(
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
                partnerId);
    }
}
