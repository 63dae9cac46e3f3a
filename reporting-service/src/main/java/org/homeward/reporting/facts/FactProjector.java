package org.homeward.reporting.facts;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.EntrustedCareTransferred;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.outreach.PartnerWorkEvent.AgreementSigned;
import org.homeward.events.outreach.PartnerWorkEvent.CapacityReported;
import org.homeward.events.outreach.PartnerWorkEvent.PublicityActivityHeld;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.homeward.events.outreach.PartnerWorkEvent.VolunteerVisitsRecorded;
import org.homeward.events.outreach.ProgramEvent.PatrolConducted;
import org.homeward.events.outreach.ProgramEvent.ProgramStarted;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeCorrected;
import org.homeward.events.outreach.StreetCaseEvent.OutcomeRecorded;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseIdentified;
import org.homeward.events.outreach.StreetCaseEvent.StreetCaseOpened;
import org.homeward.events.search.PartnerEvent.PartnerRegistered;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;
import org.homeward.platform.sourcing.Sql;

/**
 * Turns events into facts, in whatever order they arrive: every write is an insert or an upsert of
 * the columns that event knows, so a late or reordered event lands where a replay would put it.
 * Each event is applied once per fact schema (applied_event).
 */
@ApplicationScoped
public class FactProjector {

    /** Every applied event is kept with its envelope's times and actor: the columns, their types, the values. */
    private static final String APPLIED_COLUMNS =
            "event_id, event_type, stream_id, occurred_at, recorded_at, actor_subject, actor_role";

    private static final String[] APPLIED_TYPES = {"uuid", "text", "text", "timestamptz", "timestamptz", "text", "text"
    };

    private static Object[] applied(EventEnvelope event) {
        return new Object[] {
            event.eventId(),
            event.eventType(),
            event.streamId(),
            event.occurredAt(),
            event.recordedAt(),
            event.actor() == null ? null : event.actor().subject(),
            event.actor() == null ? null : event.actor().role()
        };
    }

    /** Applies the event to the schema currently on the search path; false if it was there already. */
    public boolean apply(Connection c, EventEnvelope event) throws SQLException {
        if (Sql.update(
                        c,
                        "INSERT INTO applied_event (" + APPLIED_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING",
                        applied(event))
                == 0) {
            return false;
        }
        project(c, event);
        return true;
    }

    /**
     * Marks every event of {@code events} applied in one statement (the same row {@link #apply} writes)
     * and returns the ids of those that were not yet: the ones to {@link #project}. A rebuild uses this
     * instead of {@link #apply} per event.
     */
    public Set<UUID> markApplied(Connection c, List<EventEnvelope> events) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (String type : APPLIED_TYPES) {
            columns.append(columns.length() == 0 ? "" : ", ")
                    .append("?::text[]::")
                    .append(type)
                    .append("[]");
        }
        Set<UUID> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO applied_event (" + APPLIED_COLUMNS + ") "
                + "SELECT * FROM unnest(" + columns + ") ORDER BY 1 ON CONFLICT DO NOTHING RETURNING event_id")) {
            // rows in the ids' order, not the poll's: the live feed and a rebuild's runner lock them in one order
            String[][] values = new String[APPLIED_TYPES.length][events.size()];
            for (int row = 0; row < events.size(); row++) {
                Object[] v = applied(events.get(row));
                for (int col = 0; col < v.length; col++) {
                    values[col][row] = v[col] == null ? null : v[col].toString();
                }
            }
            for (int col = 0; col < values.length; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", values[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /**
     * Writes the facts one event knows, with updates only (no reads), into the schema on the search
     * path; whether it was applied before is the caller's question ({@link #apply}, {@link #markApplied}).
     */
    public void project(Connection c, EventEnvelope event) throws SQLException {
        OffsetDateTime at = event.occurredAt();
        OffsetDateTime recorded = event.recordedAt();
        Object p = event.payload();
        PersonFacts.apply(c, event); // age, flags by hand, a found family as identity (people at risk)
        if (p instanceof StationRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO station VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id) DO UPDATE SET name = "
                            + "excluded.name, population = excluded.population, area_km2 = excluded.area_km2",
                    e.stationId(),
                    e.name(),
                    e.nonRegisteredPopulation(),
                    e.areaKm2(),
                    recorded);
        } else if (p instanceof PersonAdmitted e) {
            Sql.update(
                    c,
                    "INSERT INTO stay (stay_id, person_id, station_id, admitted_at, recorded_at, arrival_channel, "
                            + "admitted_recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stay_id) DO UPDATE SET "
                            + "person_id = excluded.person_id, station_id = excluded.station_id, admitted_at = excluded.admitted_at, "
                            + "arrival_channel = excluded.arrival_channel, admitted_recorded_at = excluded.admitted_recorded_at, "
                            + "recorded_at = least(stay.recorded_at, excluded.recorded_at)",
                    e.stayId(),
                    e.personId(),
                    e.stationId(),
                    at,
                    recorded,
                    e.arrivalChannel().name(),
                    recorded);
            if (e.identified()) {
                confirmation(c, event.eventId(), e.personId(), at, recorded);
            }
        } else if (p instanceof PersonDischarged e) {
            Sql.update(
                    c,
                    "INSERT INTO stay (stay_id, person_id, station_id, discharged_at, recorded_at, exit_type, "
                            + "discharged_recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stay_id) DO UPDATE SET "
                            + "discharged_at = excluded.discharged_at, exit_type = excluded.exit_type, "
                            + "discharged_recorded_at = excluded.discharged_recorded_at, "
                            + "recorded_at = least(stay.recorded_at, excluded.recorded_at)",
                    e.stayId(),
                    e.personId(),
                    e.stationId(),
                    at,
                    recorded,
                    e.exitType().name(),
                    recorded);
        } else if (p instanceof EntrustedCareStarted e) {
            careStarted(c, e.entrustedCareId(), e.stayId(), e.institution(), at, recorded);
        } else if (p instanceof EntrustedCareTransferred e) {
            careEnded(c, e.fromEntrustedCareId(), e.stayId(), at, recorded);
            careStarted(c, e.entrustedCareId(), e.stayId(), e.institution(), at, recorded);
        } else if (p instanceof EntrustedCareEnded e) {
            careEnded(c, e.entrustedCareId(), e.stayId(), at, recorded);
        } else if (p instanceof HospitalisationStarted e) {
            Sql.update(
                    c,
                    "INSERT INTO hospitalisation (hospitalisation_id, stay_id, started_at, recorded_at, started_recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (hospitalisation_id) DO UPDATE SET started_at = excluded.started_at, "
                            + "started_recorded_at = excluded.started_recorded_at, "
                            + "recorded_at = least(hospitalisation.recorded_at, excluded.recorded_at)",
                    e.hospitalisationId(),
                    e.stayId(),
                    at,
                    recorded,
                    recorded);
        } else if (p instanceof HospitalisationEnded e) {
            Sql.update(
                    c,
                    "INSERT INTO hospitalisation (hospitalisation_id, stay_id, ended_at, recorded_at, ended_recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (hospitalisation_id) DO UPDATE SET ended_at = excluded.ended_at, "
                            + "ended_recorded_at = excluded.ended_recorded_at, "
                            + "recorded_at = least(hospitalisation.recorded_at, excluded.recorded_at)",
                    e.hospitalisationId(),
                    e.stayId(),
                    at,
                    recorded,
                    recorded);
        } else if (p instanceof IdentityConfirmed e) {
            confirmation(c, event.eventId(), e.personId(), at, recorded);
        } else if (p instanceof PartnerRegistered e) {
            Sql.update(
                    c,
                    "INSERT INTO partner VALUES (?, ?, ?, ?) ON CONFLICT (partner_id) DO UPDATE SET name = excluded.name",
                    e.partnerId(),
                    e.name(),
                    e.kind(),
                    recorded);
        } else if (p instanceof FamilyFound e) {
            Sql.update(
                    c,
                    "INSERT INTO success VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.caseId(),
                    e.personId(),
                    e.leadId(),
                    e.channel(),
                    e.partnerId(),
                    e.firstLeadChannel(),
                    at,
                    recorded);
        } else if (p instanceof NoticePublished e) {
            Sql.update(
                    c,
                    "INSERT INTO notice VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.noticeId(),
                    e.caseId(),
                    e.personId(),
                    at,
                    recorded);
        } else if (p instanceof ProgramStarted e) {
            Sql.update(
                    c,
                    "INSERT INTO program VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.programId(),
                    e.name(),
                    e.kind(),
                    e.stationId(),
                    e.partnerId(),
                    recorded);
        } else if (p instanceof PatrolConducted e) {
            Sql.update(
                    c,
                    "INSERT INTO patrol VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.patrolId(),
                    e.programId(),
                    e.campaign(),
                    e.area(),
                    e.teams(),
                    e.peopleMet(),
                    at,
                    recorded);
        } else if (p instanceof VolunteerVisitsRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO volunteer_visit VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    event.eventId(),
                    e.partnerId(),
                    e.visits(),
                    e.purpose(),
                    at,
                    recorded);
        } else if (p instanceof AgreementSigned e) {
            Sql.update(
                    c,
                    "INSERT INTO partner_agreement VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.agreementId(),
                    e.partnerId(),
                    e.stationId(),
                    e.parties().toArray(String[]::new),
                    e.validFrom(),
                    e.validUntil(),
                    e.cluesShared().toArray(String[]::new),
                    e.patientInformationShared().toArray(String[]::new),
                    e.consent(),
                    at,
                    recorded);
        } else if (p instanceof CapacityReported e) {
            Sql.update(
                    c,
                    "INSERT INTO partner_capacity VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    event.eventId(),
                    e.partnerId(),
                    e.asOf(),
                    e.teams(),
                    e.workrooms(),
                    e.volunteers(),
                    recorded);
        } else if (p instanceof SupportGiven e) {
            Sql.update(
                    c,
                    "INSERT INTO partner_support VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.supportId(),
                    e.partnerId(),
                    e.stationId(),
                    e.giver(),
                    e.kind().name(),
                    e.description(),
                    e.amountInYuan(),
                    e.currency(),
                    at,
                    recorded);
        } else if (p instanceof PublicityActivityHeld e) {
            Sql.update(
                    c,
                    "INSERT INTO publicity_activity VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.activityId(),
                    e.stationId(),
                    e.partnerId(),
                    e.kind().name(),
                    e.title(),
                    e.participants(),
                    at,
                    recorded);
        } else if (p instanceof StreetCaseEvent e) {
            boolean opened = p instanceof StreetCaseOpened;
            Sql.update(
                    c,
                    "INSERT INTO street_case (case_id, program_id, opened_at, recorded_at, opened_recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET "
                            + "opened_at = coalesce(excluded.opened_at, street_case.opened_at), "
                            + "opened_recorded_at = coalesce(excluded.opened_recorded_at, street_case.opened_recorded_at), "
                            + "recorded_at = least(street_case.recorded_at, excluded.recorded_at)",
                    e.caseId(),
                    e.programId(),
                    opened ? at : null,
                    recorded,
                    opened ? recorded : null);
            if (p instanceof StreetCaseIdentified) {
                Sql.update(
                        c,
                        "INSERT INTO street_identification VALUES (?, ?, ?, ?)",
                        event.eventId(),
                        e.caseId(),
                        at,
                        recorded);
            } else if (p instanceof OutcomeRecorded o) {
                outcome(c, event, o.outcome().name());
            } else if (p instanceof OutcomeCorrected o) {
                outcome(c, event, o.outcome().name());
            }
        }
    }

    private static void careStarted(
            Connection c, UUID id, UUID stay, String institution, OffsetDateTime at, OffsetDateTime recorded)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO entrusted_care (entrusted_care_id, stay_id, institution, started_at, recorded_at, "
                        + "started_recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entrusted_care_id) DO UPDATE SET "
                        + "institution = excluded.institution, started_at = excluded.started_at, "
                        + "started_recorded_at = excluded.started_recorded_at, "
                        + "recorded_at = least(entrusted_care.recorded_at, excluded.recorded_at)",
                id,
                stay,
                institution,
                at,
                recorded,
                recorded);
    }

    private static void careEnded(Connection c, UUID id, UUID stay, OffsetDateTime at, OffsetDateTime recorded)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO entrusted_care (entrusted_care_id, stay_id, ended_at, recorded_at, ended_recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entrusted_care_id) DO UPDATE SET ended_at = excluded.ended_at, "
                        + "ended_recorded_at = excluded.ended_recorded_at, "
                        + "recorded_at = least(entrusted_care.recorded_at, excluded.recorded_at)",
                id,
                stay,
                at,
                recorded,
                recorded);
    }

    private static void confirmation(
            Connection c, UUID eventId, UUID person, OffsetDateTime at, OffsetDateTime recorded) throws SQLException {
        Sql.update(c, "INSERT INTO identity_confirmation VALUES (?, ?, ?, ?)", eventId, person, at, recorded);
    }

    private static void outcome(Connection c, EventEnvelope event, String outcome) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO street_outcome VALUES (?, ?, ?, ?, ?, ?)",
                event.eventId(),
                ((StreetCaseEvent) event.payload()).caseId(),
                outcome,
                event.streamVersion(),
                event.occurredAt(),
                event.recordedAt());
    }
}
