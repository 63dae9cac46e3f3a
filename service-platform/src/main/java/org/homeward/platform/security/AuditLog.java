package org.homeward.platform.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.homeward.events.Actor;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/** The trace of every look at a person's record and every drill-down, queryable by ADMIN at /api/audit. */
@Path("/api/audit")
@ApplicationScoped
public class AuditLog {

    public record Entry(
            long id,
            OffsetDateTime at,
            String subject,
            String role,
            String partnerId,
            String action,
            String target,
            String purpose) {}

    private final EventSourcing sourcing;

    public AuditLog(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    public void record(Caller caller, String action, Object target) {
        Actor actor = caller.actor();
        sourcing.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO audit_log (subject, role, partner_id, action, target, purpose) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                actor.subject(),
                actor.role(),
                actor.partnerId(),
                action,
                String.valueOf(target),
                caller.purpose()));
    }

    /** One entry per target, in one transaction: a look at many records (a page of names) is as traceable as one look each. */
    public void recordEach(Caller caller, String action, Collection<?> targets) {
        if (targets.isEmpty()) {
            return;
        }
        sourcing.inTransaction(c -> {
            recordEach(c, caller, action, targets);
            return null;
        });
    }

    /**
     * The same inside the caller's transaction {@code c}: for an act that must not happen unaudited (an erasure),
     * the entries commit with it or not at all.
     */
    public void recordEach(Connection c, Caller caller, String action, Collection<?> targets) throws SQLException {
        Actor actor = caller.actor();
        String purpose = caller.purpose();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (subject, role, partner_id, action, "
                + "target, purpose) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Object target : targets) {
                ps.setString(1, actor.subject());
                ps.setString(2, actor.role());
                ps.setString(3, actor.partnerId());
                ps.setString(4, action);
                ps.setString(5, String.valueOf(target));
                ps.setString(6, purpose);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<Entry> query(
            @QueryParam("subject") String subject,
            @QueryParam("target") String target,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT * FROM audit_log WHERE (?::text IS NULL OR subject = ?) "
                        + "AND (?::text IS NULL OR target = ?) ORDER BY id DESC LIMIT ?",
                rs -> new Entry(
                        rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class),
                        rs.getString("subject"),
                        rs.getString("role"),
                        rs.getString("partner_id"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("purpose")),
                subject,
                subject,
                target,
                target,
                limit));
    }
}
