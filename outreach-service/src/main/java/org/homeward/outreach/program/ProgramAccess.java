package org.homeward.outreach.program;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;

/**
 * Object-level authorization: a PARTNER sees and works only its own partner teams' programmes and
 * cases. Anything else answers 404, so a partner cannot even learn that it exists.
 */
@ApplicationScoped
public class ProgramAccess {
    private final Programs programs;
    private final Caller caller;

    public ProgramAccess(Programs programs, Caller caller) {
        this.programs = programs;
        this.caller = caller;
    }

    public boolean mayUse(Programs.ProgramView program) {
        return reach().mayUse(program.kind(), program.partnerId());
    }

    /**
     * The caller's reach as the request reads it now: for a check made later, off the request's thread (a
     * reactive read continues on the event loop once the database answers, ADR 43).
     */
    public Reach reach() {
        if (!caller.isPartner()) {
            return new Reach(false, null, null);
        }
        try {
            return new Reach(true, caller.partnerId(), null);
        } catch (HomewardException unnamed) {
            return new Reach(true, null, unnamed);
        }
    }

    /**
     * Who may use a programme of {@code kind} run by {@code partnerId}: anyone but a partner, and a partner
     * its own teams'. A PARTNER token that names no partner is refused (403) only where the answer depends on it.
     */
    public record Reach(boolean partner, String partnerId, HomewardException unnamedPartner) {
        public boolean mayUse(String kind, String programPartnerId) {
            if (!partner) {
                return true;
            }
            if (!"PARTNER_TEAM".equals(kind)) {
                return false;
            }
            if (unnamedPartner != null) {
                throw unnamedPartner;
            }
            return partnerId.equals(programPartnerId);
        }
    }

    /** The programme, if the caller may use it; 404 otherwise. */
    public Programs.ProgramView visible(Connection c, UUID programId) throws SQLException {
        return programs.find(c, programId)
                .filter(this::mayUse)
                .orElseThrow(() -> HomewardException.notFound("Program", programId));
    }

    public List<Programs.ProgramView> visibleAll(Connection c) throws SQLException {
        return programs.all(c).stream().filter(this::mayUse).toList();
    }

    public boolean isPartner() {
        return caller.isPartner();
    }
}
