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
        return mayUse(program.kind(), program.partnerId());
    }

    private boolean mayUse(String kind, String partnerId) {
        return !caller.isPartner()
                || ("PARTNER_TEAM".equals(kind) && caller.partnerId().equals(partnerId));
    }

    /** Whether the caller may see the programme's cases; of a programme unknown here, anyone but a partner. */
    public boolean mayUseCasesOf(Connection c, UUID programId) throws SQLException {
        return programs.runner(c, programId)
                .map(r -> mayUse(r.kind(), r.partnerId()))
                .orElse(!caller.isPartner());
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
