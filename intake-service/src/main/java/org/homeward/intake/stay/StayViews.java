package org.homeward.intake.stay;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.intake.StayEvent.DeathRecorded;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.EntrustedCareTransferred;
import org.homeward.events.intake.StayEvent.EscortHomeRecorded;
import org.homeward.events.intake.StayEvent.FamilyPickupRecorded;
import org.homeward.events.intake.StayEvent.FinalPlacementRecorded;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.intake.StayEvent.PlacementDecided;
import org.homeward.events.intake.StayEvent.SelfDepartureRecorded;
import org.homeward.events.intake.StayEvent.TransferRecorded;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

@ApplicationScoped
public class StayViews implements LocalProjection {

    public record HospitalisationView(
            UUID hospitalisationId, String hospital, OffsetDateTime startedAt, OffsetDateTime endedAt) {}

    /** A period of entrusted care (托养) at a contracted institution; open while {@code endedAt} is null. */
    public record EntrustedCareView(
            UUID entrustedCareId, String institution, OffsetDateTime startedAt, OffsetDateTime endedAt) {}

    /** What staff recorded on the discharge; only the fields of its exit type are set. */
    public record ExitDetailsView(
            String pickedUpBy,
            String relation,
            String destination,
            String transport,
            String escortStaff,
            String receivingStationId,
            Boolean signedStatement,
            String statementReference,
            String institution) {}

    /** A placement decision (10-day rule) on the stay. */
    public record PlacementDecisionView(String decision, String note, OffsetDateTime decidedAt) {}

    /** Where the person died and what the station did. */
    public record DeathView(OffsetDateTime diedAt, String place, String actionsTaken) {}

    /**
     * {@code inHospital} and the episodes are health data: written only for care staff (FieldPolicy).
     * {@code currentInstitution} is where the person is in entrusted care now (null when not).
     */
    public record StayView(
            UUID stayId,
            UUID personId,
            String stationId,
            String arrivalChannel,
            UUID referralId,
            OffsetDateTime admittedAt,
            OffsetDateTime dischargedAt,
            String exitType,
            boolean open,
            @Classified(DataClass.HEALTH) boolean inHospital,
            long daysInStation,
            @Classified(DataClass.HEALTH) List<HospitalisationView> hospitalisations,
            String currentInstitution,
            List<EntrustedCareView> entrustedCare,
            DeathView death,
            ExitDetailsView exitDetails,
            List<PlacementDecisionView> placementDecisions,
            long version) {}

    /** A row of the daily list of people in the station. */
    public record OpenStay(
            UUID stayId,
            UUID personId,
            String name,
            String stationId,
            OffsetDateTime admittedAt,
            long daysInStation,
            String identityStatus,
            @Classified(DataClass.HEALTH) boolean inHospital,
            boolean familyFound,
            String currentInstitution) {}

    @Override
    public List<String> tables() {
        return List.of(
                "stay_view",
                "hospitalisation_view",
                "entrusted_care_view",
                "exit_detail_view",
                "placement_decision_view");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof StayEvent payload)) {
            return;
        }
        if (payload instanceof PersonAdmitted e) {
            Sql.update(
                    c,
                    "INSERT INTO stay_view (stay_id, person_id, station_id, arrival_channel, referral_id, admitted_at, "
                            + "version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    e.stayId(),
                    e.personId(),
                    e.stationId(),
                    e.arrivalChannel().name(),
                    e.referralId(),
                    event.occurredAt(),
                    event.streamVersion());
            return;
        }
        if (payload instanceof HospitalisationStarted e) {
            Sql.update(
                    c,
                    "INSERT INTO hospitalisation_view VALUES (?, ?, ?, ?, NULL)",
                    e.hospitalisationId(),
                    e.stayId(),
                    e.hospital(),
                    event.occurredAt());
        } else if (payload instanceof HospitalisationEnded e) {
            Sql.update(
                    c,
                    "UPDATE hospitalisation_view SET ended_at = ? WHERE hospitalisation_id = ?",
                    event.occurredAt(),
                    e.hospitalisationId());
        } else if (payload instanceof EntrustedCareStarted e) {
            Sql.update(
                    c,
                    "INSERT INTO entrusted_care_view VALUES (?, ?, ?, ?, NULL)",
                    e.entrustedCareId(),
                    e.stayId(),
                    e.institution(),
                    event.occurredAt());
        } else if (payload instanceof EntrustedCareEnded e) {
            Sql.update(
                    c,
                    "UPDATE entrusted_care_view SET ended_at = ? WHERE entrusted_care_id = ?",
                    event.occurredAt(),
                    e.entrustedCareId());
        } else if (payload instanceof EntrustedCareTransferred e) {
            Sql.update(
                    c,
                    "UPDATE entrusted_care_view SET ended_at = ? WHERE entrusted_care_id = ?",
                    event.occurredAt(),
                    e.fromEntrustedCareId());
            Sql.update(
                    c,
                    "INSERT INTO entrusted_care_view VALUES (?, ?, ?, ?, NULL)",
                    e.entrustedCareId(),
                    e.stayId(),
                    e.institution(),
                    event.occurredAt());
        } else if (payload instanceof DeathRecorded e) {
            Sql.update(
                    c,
                    "UPDATE stay_view SET died_at = ?, death_place = ?, death_actions = ? WHERE stay_id = ?",
                    event.occurredAt(),
                    e.place(),
                    e.actionsTaken(),
                    e.stayId());
        } else if (payload instanceof FamilyPickupRecorded e) {
            exitDetails(c, e.stayId(), "picked_up_by, relation", e.pickedUpBy(), e.relation());
        } else if (payload instanceof EscortHomeRecorded e) {
            exitDetails(
                    c,
                    e.stayId(),
                    "destination, transport, escort_staff",
                    e.destination(),
                    e.transport(),
                    e.escortStaff());
        } else if (payload instanceof TransferRecorded e) {
            exitDetails(c, e.stayId(), "receiving_station_id", e.receivingStationId());
        } else if (payload instanceof SelfDepartureRecorded e) {
            exitDetails(
                    c,
                    e.stayId(),
                    "signed_statement, statement_reference",
                    e.signedStatement(),
                    e.statementReference());
        } else if (payload instanceof FinalPlacementRecorded e) {
            exitDetails(c, e.stayId(), "institution", e.institution());
        } else if (payload instanceof PlacementDecided e) {
            Sql.update(
                    c,
                    "INSERT INTO placement_decision_view VALUES (?, ?, ?, ?, ?)",
                    e.stayId(),
                    event.streamVersion(),
                    e.decision().name(),
                    e.note(),
                    event.occurredAt());
        } else if (payload instanceof PersonDischarged e) {
            Sql.update(
                    c,
                    "UPDATE stay_view SET discharged_at = ?, exit_type = ? WHERE stay_id = ?",
                    event.occurredAt(),
                    e.exitType().name(),
                    e.stayId());
        }
        Sql.update(c, "UPDATE stay_view SET version = ? WHERE stay_id = ?", event.streamVersion(), payload.stayId());
    }

    private static void exitDetails(Connection c, UUID stayId, String columns, Object... values) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO exit_detail_view (stay_id, " + columns + ") VALUES (?" + ", ?".repeat(values.length) + ")",
                Stream.concat(Stream.of(stayId), Arrays.stream(values)).toArray());
    }

    public Optional<StayView> find(Connection c, UUID stayId) throws SQLException {
        List<StayView> found = query(c, "SELECT * FROM stay_view WHERE stay_id = ?", stayId);
        return found.stream().findFirst();
    }

    /** The stays of every record that reads as this person (a merged record's too, ADR 23). */
    public List<StayView> ofPerson(Connection c, UUID personId) throws SQLException {
        return query(
                c,
                "SELECT * FROM stay_view WHERE person_id IN (SELECT person_records(?)) ORDER BY admitted_at, stay_id",
                personId);
    }

    public Optional<UUID> openStayOf(Connection c, UUID personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT stay_id FROM stay_view "
                + "WHERE person_id IN (SELECT person_records(?)) AND discharged_at IS NULL")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The daily list: open stays, longest in the station first unless asked otherwise. */
    public List<OpenStay> openStays(Connection c, String stationId, boolean longestFirst, int limit, int offset)
            throws SQLException {
        String sql = "SELECT s.stay_id, s.person_id, p.name, s.station_id, s.admitted_at, p.identity_confirmed_at, "
                + "p.family_found_at, EXISTS (SELECT 1 FROM hospitalisation_view h WHERE h.stay_id = s.stay_id "
                + "AND h.ended_at IS NULL) AS in_hospital, (SELECT e.institution FROM entrusted_care_view e "
                + "WHERE e.stay_id = s.stay_id AND e.ended_at IS NULL LIMIT 1) AS institution "
                + "FROM stay_view s JOIN person_view p ON p.person_id = s.person_id "
                + "WHERE s.discharged_at IS NULL AND (?::text IS NULL OR s.station_id = ?) "
                + "ORDER BY s.admitted_at " + (longestFirst ? "ASC" : "DESC") + ", s.stay_id LIMIT ? OFFSET ?";
        List<OpenStay> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stationId);
            ps.setString(2, stationId);
            ps.setInt(3, limit);
            ps.setInt(4, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime admitted = rs.getObject("admitted_at", OffsetDateTime.class);
                    rows.add(new OpenStay(
                            rs.getObject("stay_id", UUID.class),
                            rs.getObject("person_id", UUID.class),
                            rs.getString("name"),
                            rs.getString("station_id"),
                            admitted,
                            daysSince(admitted),
                            rs.getObject("identity_confirmed_at") != null
                                    ? "CONFIRMED"
                                    : rs.getObject("family_found_at") != null ? "IDENTITY_REQUESTED" : "UNIDENTIFIED",
                            rs.getBoolean("in_hospital"),
                            rs.getObject("family_found_at") != null,
                            rs.getString("institution")));
                }
            }
        }
        return rows;
    }

    private List<StayView> query(Connection c, String sql, UUID id) throws SQLException {
        List<StayView> stays = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID stayId = rs.getObject("stay_id", UUID.class);
                    List<HospitalisationView> episodes = hospitalisations(c, stayId);
                    OffsetDateTime admitted = rs.getObject("admitted_at", OffsetDateTime.class);
                    OffsetDateTime discharged = rs.getObject("discharged_at", OffsetDateTime.class);
                    List<EntrustedCareView> care = entrustedCare(c, stayId);
                    OffsetDateTime died = rs.getObject("died_at", OffsetDateTime.class);
                    stays.add(new StayView(
                            stayId,
                            rs.getObject("person_id", UUID.class),
                            rs.getString("station_id"),
                            rs.getString("arrival_channel"),
                            rs.getObject("referral_id", UUID.class),
                            admitted,
                            discharged,
                            rs.getString("exit_type"),
                            discharged == null,
                            episodes.stream().anyMatch(h -> h.endedAt() == null),
                            discharged == null ? daysSince(admitted) : daysBetween(admitted, discharged),
                            episodes,
                            care.stream()
                                    .filter(e -> e.endedAt() == null)
                                    .map(EntrustedCareView::institution)
                                    .findFirst()
                                    .orElse(null),
                            care,
                            died == null
                                    ? null
                                    : new DeathView(died, rs.getString("death_place"), rs.getString("death_actions")),
                            exitDetails(c, stayId),
                            placementDecisions(c, stayId),
                            rs.getLong("version")));
                }
            }
        }
        return stays;
    }

    private List<HospitalisationView> hospitalisations(Connection c, UUID stayId) throws SQLException {
        List<HospitalisationView> episodes = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM hospitalisation_view WHERE stay_id = ? ORDER BY started_at")) {
            ps.setObject(1, stayId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    episodes.add(new HospitalisationView(
                            rs.getObject("hospitalisation_id", UUID.class),
                            rs.getString("hospital"),
                            rs.getObject("started_at", OffsetDateTime.class),
                            rs.getObject("ended_at", OffsetDateTime.class)));
                }
            }
        }
        return episodes;
    }

    private static ExitDetailsView exitDetails(Connection c, UUID stayId) throws SQLException {
        return Sql.one(
                        c,
                        "SELECT * FROM exit_detail_view WHERE stay_id = ?",
                        rs -> new ExitDetailsView(
                                rs.getString("picked_up_by"),
                                rs.getString("relation"),
                                rs.getString("destination"),
                                rs.getString("transport"),
                                rs.getString("escort_staff"),
                                rs.getString("receiving_station_id"),
                                (Boolean) rs.getObject("signed_statement"),
                                rs.getString("statement_reference"),
                                rs.getString("institution")),
                        stayId)
                .orElse(null);
    }

    private static List<PlacementDecisionView> placementDecisions(Connection c, UUID stayId) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM placement_decision_view WHERE stay_id = ? ORDER BY decided_at, version",
                rs -> new PlacementDecisionView(
                        rs.getString("decision"),
                        rs.getString("note"),
                        rs.getObject("decided_at", OffsetDateTime.class)),
                stayId);
    }

    private List<EntrustedCareView> entrustedCare(Connection c, UUID stayId) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM entrusted_care_view WHERE stay_id = ? ORDER BY started_at, ended_at NULLS LAST",
                rs -> new EntrustedCareView(
                        rs.getObject("entrusted_care_id", UUID.class),
                        rs.getString("institution"),
                        rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("ended_at", OffsetDateTime.class)),
                stayId);
    }

    static long daysSince(OffsetDateTime admitted) {
        return daysBetween(admitted, BusinessTime.now());
    }

    static long daysBetween(OffsetDateTime from, OffsetDateTime to) {
        LocalDate start = from.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).toLocalDate();
        LocalDate end = to.atZoneSameInstant(BusinessTime.PLATFORM_ZONE).toLocalDate();
        return ChronoUnit.DAYS.between(start, end);
    }
}
