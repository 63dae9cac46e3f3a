package org.homeward.outreach.program;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.Aggregate;
import org.homeward.domain.InvalidCommand;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.events.outreach.ProgramEvent.PatrolConducted;
import org.homeward.events.outreach.ProgramEvent.ProgramStarted;
import org.homeward.events.outreach.ProgramKind;

/** An outreach programme; a partner team belongs to exactly one partner. */
@Aggregate
public final class Program {
    private UUID id;

    public static Program from(LoadedStream stream) {
        Program program = new Program();
        stream.events().forEach(e -> {
            if (e.payload() instanceof ProgramStarted started) {
                program.id = started.programId();
            }
        });
        return program;
    }

    public static List<NewEvent> start(
            UUID programId, String name, ProgramKind kind, String stationId, String partnerId, OffsetDateTime at) {
        if (kind == ProgramKind.PARTNER_TEAM && partnerId == null) {
            throw new InvalidCommand("partnerId", "is required for a PARTNER_TEAM");
        }
        if (kind != ProgramKind.PARTNER_TEAM && partnerId != null) {
            throw new InvalidCommand("partnerId", "is only given for a PARTNER_TEAM");
        }
        return List.of(new NewEvent(new ProgramStarted(programId, name, kind, stationId, partnerId), at));
    }

    public List<NewEvent> conductPatrol(
            UUID patrolId, String campaign, String area, int teams, int peopleMet, OffsetDateTime at) {
        return List.of(new NewEvent(new PatrolConducted(id, patrolId, campaign, area, teams, peopleMet), at));
    }
}
