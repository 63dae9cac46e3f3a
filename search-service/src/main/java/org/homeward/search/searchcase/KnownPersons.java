package org.homeward.search.searchcase;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.search.ClosureReason;
import org.homeward.events.search.OpeningReason;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.erasure.PersonalTraces;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.merge.PersonMergeTable;
import org.homeward.platform.messaging.ChannelConsumer;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;
import org.homeward.search.resident.Residents;

/**
 * What the family search learns from intake: an unidentified person admitted opens a case, a
 * discharge closes it, and each identity fragment gathered counts for the weekly review.
 * Entrusted care (托养) and hospital episodes do not touch the case (the stay is still open), and
 * neither does a final placement (安置, exit PLACED_IN_CARE): the family is still sought until it
 * is found or the case is closed by hand. A death closes the case with its own reason.
 */
@ApplicationScoped
public class KnownPersons extends ChannelConsumer {
    private final EventSourcing sourcing;
    private final SearchCaseViews cases;
    private final Residents residents;
    private final PersonKeys keys;

    public KnownPersons(
            IncomingEvents incoming,
            EventSourcing sourcing,
            SearchCaseViews cases,
            Residents residents,
            PersonKeys keys) {
        super(incoming, "intake-events", "search.intake");
        this.sourcing = sourcing;
        this.cases = cases;
        this.residents = residents;
        this.keys = keys;
    }

    @Incoming("intake-events")
    @Blocking(ordered = true) // one poll at a time, in one transaction: a stream's events apply in their order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> poll) {
        return accept("intake-events", poll);
    }

    @Override
    protected void apply(Connection c, EventEnvelope event) throws SQLException {
        Metadata meta = Metadata.causedBy(event);
        residents.apply(c, event); // what candidate matching compares (resident/Residents)
        PersonMergeTable.apply(c, event); // cases and candidates follow a survivor (ADR 23)
        PlacementDecisions.apply(c, event); // the 10-day rule (deadline/Deadlines)
        if (event.payload() instanceof PersonErased e) {
            // search's own values about the person (their leads) go with intake's (ADR 35): the traces of
            // them redacted, the leads cleared, and search's key of the person destroyed
            PersonalTraces.redact(c, e.personId(), cases.leadTexts(c, e.personId()));
            cases.erasePerson(c, e.personId());
            keys.destroy(c, List.of(e.personId()));
            keys.forget(List.of(e.personId()));
        }
        if (event.payload() instanceof PersonRegistered e) {
            Sql.update(c, "INSERT INTO known_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", e.personId());
        } else if (event.payload() instanceof IdentityFragmentRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO known_person (person_id, fragments) VALUES (?, 1) "
                            + "ON CONFLICT (person_id) DO UPDATE SET fragments = known_person.fragments + 1",
                    e.personId());
        }
        if (event.payload() instanceof PersonAdmitted e) { // the stay's station scopes its case (CaseStations)
            Sql.update(
                    c,
                    "INSERT INTO known_stay (stay_id, person_id, station_id, admitted_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (stay_id) DO NOTHING",
                    e.stayId(),
                    e.personId(),
                    e.stationId(),
                    event.occurredAt());
        }
        if (event.payload() instanceof PersonAdmitted e && !e.identified()) {
            Sql.update(c, "INSERT INTO known_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", e.personId());
            if (cases.openCaseOfPerson(c, e.personId()).isEmpty()) { // one open case per person, merged records too
                UUID caseId = UUID.randomUUID();
                sourcing.append(
                        c,
                        StreamId.of(SearchCase.STREAM, caseId),
                        0,
                        SearchCase.open(
                                caseId,
                                e.personId(),
                                OpeningReason.UNIDENTIFIED_ADMISSION,
                                e.stayId(),
                                event.occurredAt()),
                        meta);
            }
        } else if (event.payload() instanceof PersonDischarged e && e.exitType() != ExitType.PLACED_IN_CARE) {
            Optional<UUID> open = cases.openCaseOf(c, e.personId());
            if (open.isPresent()) {
                StreamId stream = StreamId.of(SearchCase.STREAM, open.get());
                LoadedStream loaded = sourcing.store().load(c, stream);
                ClosureReason reason = e.exitType() == ExitType.DECEASED
                        ? ClosureReason.PERSON_DECEASED
                        : ClosureReason.PERSON_DISCHARGED;
                sourcing.append(
                        c, stream, loaded.version(), SearchCase.from(loaded).close(reason, event.occurredAt()), meta);
            }
        }
    }

    /** A stay of a resident, as the family search knows it from intake's admissions. */
    public record Stay(UUID stayId, UUID personId, String name, OffsetDateTime admittedAt) {}

    /** The stays at {@code stationId} admitted on {@code day} (in the platform's zone), oldest first. */
    public List<Stay> admittedOn(Connection c, String stationId, LocalDate day) throws SQLException {
        OffsetDateTime from = day.atStartOfDay(BusinessTime.PLATFORM_ZONE).toOffsetDateTime();
        return Sql.list(
                c,
                STAYS
                        + "WHERE ks.station_id = ? AND ks.admitted_at >= ? AND ks.admitted_at < ? ORDER BY ks.admitted_at",
                KnownPersons::stay,
                stationId,
                from,
                from.plusDays(1));
    }

    /** The person's stays at {@code stationId}, oldest first. */
    public List<Stay> staysOf(Connection c, String stationId, UUID personId) throws SQLException {
        return Sql.list(
                c,
                STAYS + "WHERE ks.station_id = ? AND ks.person_id = ? ORDER BY ks.admitted_at",
                KnownPersons::stay,
                stationId,
                personId);
    }

    private static final String STAYS = "SELECT ks.stay_id, ks.person_id, kp.name, ks.admitted_at FROM known_stay ks "
            + "LEFT JOIN known_person kp ON kp.person_id = ks.person_id ";

    private static Stay stay(ResultSet rs) throws SQLException {
        return new Stay(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class));
    }

    public boolean isKnown(Connection c, UUID personId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM known_person WHERE person_id = ?", rs -> true, personId)
                .isPresent();
    }
}
