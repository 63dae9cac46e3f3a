package org.homeward.outreach.streetcase;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.homeward.outreach.program.ProgramAccess;
import org.homeward.outreach.program.ProgramRow;

/**
 * The street case's reads that need no command: on the event loop through Hibernate Reactive, in no JDBC
 * transaction (ADR 43). The commands and their answers read through {@link StreetCaseCommands}, in theirs.
 */
@ApplicationScoped
public class StreetCaseReads {
    private final Mutiny.SessionFactory sessions;
    private final StreetCases cases;
    private final ProgramAccess access;

    public StreetCaseReads(Mutiny.SessionFactory sessions, StreetCases cases, ProgramAccess access) {
        this.sessions = sessions;
        this.cases = cases;
        this.access = access;
    }

    /** The case, if it exists and the caller may see its programme (a partner: only its own teams'). */
    public Uni<Optional<StreetCases.StreetCaseView>> visibleCase(UUID caseId) {
        // who calls is read on the request's thread; the checks below run when the database has answered
        ProgramAccess.Reach reach = access.reach();
        return sessions.withSession(s -> cases.find(s, caseId)
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(found)
                        : s.find(ProgramRow.class, found.get().programId())
                                .map(program -> (program == null
                                                ? !reach.partner()
                                                : reach.mayUse(program.kind(), program.partnerId()))
                                        ? found
                                        : Optional.empty())));
    }
}
