package org.homeward.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.homeward.events.outreach.PublicityKind;
import org.homeward.events.outreach.SupportKind;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;

/**
 * Social participation (社会参与) over [from, to), per station (docs/definitions.md): agreements in
 * force, partners' latest capacity, supplies and funds given to partners (yuan), partners' volunteer
 * visits, publicity activities, and the station staff's own patrols (e.g. 寒冬送温暖).
 */
@ApplicationScoped
public class SocialParticipationReport {

    public record Agreement(
            UUID agreementId,
            String partnerId,
            String partnerName,
            String stationId,
            List<String> parties,
            LocalDate validFrom,
            LocalDate validUntil,
            List<String> cluesShared,
            List<String> patientInformationShared,
            String consent) {}

    public record Capacity(
            String partnerId, String partnerName, LocalDate asOf, int teams, int workrooms, int volunteers) {}

    public record Support(
            String partnerId,
            String partnerName,
            long lines,
            BigDecimal supplies,
            BigDecimal funds,
            BigDecimal total) {}

    public record SupportLine(
            UUID supportId,
            String partnerId,
            String stationId,
            String giver,
            String kind,
            String description,
            BigDecimal amount,
            String currency,
            OffsetDateTime occurredAt) {}

    public record Visits(String partnerId, String partnerName, long visits) {}

    public record Activities(String kind, String label, long activities, long participants) {}

    public record Campaign(String campaign, long patrols, long peopleMet) {}

    public record StaffPatrols(long patrols, long teams, long peopleMet, List<Campaign> byCampaign) {}

    public record SocialParticipation(
            LocalDate from,
            LocalDate to,
            String stationId,
            List<Agreement> agreementsInForce,
            List<Capacity> capacity,
            List<Support> support,
            BigDecimal supportTotal,
            String currency,
            List<Visits> volunteerVisits,
            long volunteerVisitsTotal,
            List<Activities> publicity,
            long publicityTotal,
            StaffPatrols staffPatrols) {}

    /** A patrol that names no campaign. */
    public static final String ROUTINE_PATROL = "日常巡查";

    private static final String NAME =
            "coalesce((SELECT p.name FROM partner p WHERE p.partner_id = x.partner_id), x.partner_id)";

    public SocialParticipation of(Connection c, LocalDate from, LocalDate to, String station) throws SQLException {
        OffsetDateTime start = DateParams.startOf(from);
        OffsetDateTime end = DateParams.startOf(to);
        List<Agreement> agreements = Sql.list(
                c,
                "SELECT x.*, " + NAME + " AS name FROM partner_agreement x "
                        + "WHERE x.valid_from < ? AND (x.valid_until IS NULL OR x.valid_until > ?) "
                        + "AND (?::text IS NULL OR x.station_id = ?) ORDER BY x.valid_from, x.partner_id",
                rs -> new Agreement(
                        rs.getObject("agreement_id", UUID.class),
                        rs.getString("partner_id"),
                        rs.getString("name"),
                        rs.getString("station_id"),
                        list(rs.getArray("parties")),
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_until", LocalDate.class),
                        list(rs.getArray("clues_shared")),
                        list(rs.getArray("patient_information_shared")),
                        rs.getString("consent")),
                to,
                from,
                station,
                station);
        // a station's partners are those it has an agreement with; the city's are all
        String partnerOfStation = "(?::text IS NULL OR x.partner_id IN (SELECT a.partner_id FROM partner_agreement a "
                + "WHERE a.station_id = ?))";
        List<Capacity> capacity = Sql.list(
                c,
                "SELECT DISTINCT ON (x.partner_id) x.*, " + NAME + " AS name "
                        + "FROM partner_capacity x WHERE x.as_of < ? AND " + partnerOfStation
                        + " ORDER BY x.partner_id, x.as_of DESC, x.recorded_at DESC",
                rs -> new Capacity(
                        rs.getString("partner_id"),
                        rs.getString("name"),
                        rs.getObject("as_of", LocalDate.class),
                        rs.getInt("teams"),
                        rs.getInt("workrooms"),
                        rs.getInt("volunteers")),
                to,
                station,
                station);
        List<Support> support = Sql.list(
                c,
                "SELECT x.partner_id, " + NAME + " AS name, count(*), "
                        + "coalesce(sum(x.amount) FILTER (WHERE x.kind = 'SUPPLIES'), 0), "
                        + "coalesce(sum(x.amount) FILTER (WHERE x.kind = 'FUNDS'), 0), sum(x.amount) FROM partner_support x "
                        + "WHERE x.occurred_at >= ? AND x.occurred_at < ? AND (?::text IS NULL OR x.station_id = ?) "
                        + "GROUP BY x.partner_id ORDER BY 6 DESC, 1",
                rs -> new Support(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6)),
                start,
                end,
                station,
                station);
        // volunteer visits name no station: a station's are those of its partners
        List<Visits> visits = Sql.list(
                c,
                "SELECT x.partner_id, " + NAME + " AS name, sum(x.visits) FROM volunteer_visit x "
                        + "WHERE x.occurred_at >= ? AND x.occurred_at < ? AND " + partnerOfStation
                        + " GROUP BY x.partner_id ORDER BY 3 DESC, 1",
                rs -> new Visits(rs.getString(1), rs.getString(2), rs.getLong(3)),
                start,
                end,
                station,
                station);
        List<Activities> held = Sql.list(
                c,
                "SELECT kind, count(*), coalesce(sum(participants), 0) FROM publicity_activity "
                        + "WHERE occurred_at >= ? AND occurred_at < ? AND (?::text IS NULL OR station_id = ?) GROUP BY kind",
                rs -> new Activities(
                        rs.getString(1), PublicityKind.valueOf(rs.getString(1)).label, rs.getLong(2), rs.getLong(3)),
                start,
                end,
                station,
                station);
        Map<String, Activities> byKind = held.stream().collect(Collectors.toMap(Activities::kind, a -> a));
        List<Activities> publicity = Arrays.stream(PublicityKind.values()) // every kind, zero where none was held
                .map(k -> byKind.getOrDefault(k.name(), new Activities(k.name(), k.label, 0, 0)))
                .toList();
        List<Campaign> campaigns = Sql.list(
                c,
                "SELECT coalesce(nullif(btrim(t.campaign), ''), '" + ROUTINE_PATROL
                        + "'), count(*), coalesce(sum(t.people_met), 0) "
                        + "FROM patrol t JOIN program p ON p.program_id = t.program_id WHERE p.kind = 'STAFF_PATROL' "
                        + "AND t.occurred_at >= ? AND t.occurred_at < ? AND (?::text IS NULL OR p.station_id = ?) GROUP BY 1 ORDER BY 2 DESC, 1",
                rs -> new Campaign(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                start,
                end,
                station,
                station);
        long teams = Sql.one(
                        c,
                        "SELECT coalesce(sum(t.teams), 0) FROM patrol t JOIN program p ON p.program_id = t.program_id "
                                + "WHERE p.kind = 'STAFF_PATROL' AND t.occurred_at >= ? AND t.occurred_at < ? "
                                + "AND (?::text IS NULL OR p.station_id = ?)",
                        rs -> rs.getLong(1),
                        start,
                        end,
                        station,
                        station)
                .orElse(0L);
        StaffPatrols patrols = new StaffPatrols(
                campaigns.stream().mapToLong(Campaign::patrols).sum(),
                teams,
                campaigns.stream().mapToLong(Campaign::peopleMet).sum(),
                campaigns);
        BigDecimal total = support.stream()
                .map(Support::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2);
        return new SocialParticipation(
                from,
                to,
                station,
                agreements,
                capacity,
                support,
                total,
                "CNY",
                visits,
                visits.stream().mapToLong(Visits::visits).sum(),
                publicity,
                publicity.stream().mapToLong(Activities::activities).sum(),
                patrols);
    }

    /** The ledger lines behind the support figures (drill-down), oldest first. */
    public void supportLines(
            Connection c,
            LocalDate from,
            LocalDate to,
            String station,
            String partnerId,
            Consumer<? super SupportLine> each)
            throws SQLException {
        Sql.each(
                each,
                c,
                "SELECT * FROM partner_support WHERE occurred_at >= ? AND occurred_at < ? "
                        + "AND (?::text IS NULL OR station_id = ?) AND (?::text IS NULL OR partner_id = ?) ORDER BY occurred_at, support_id",
                rs -> new SupportLine(
                        rs.getObject("support_id", UUID.class),
                        rs.getString("partner_id"),
                        rs.getString("station_id"),
                        rs.getString("giver"),
                        SupportKind.valueOf(rs.getString("kind")).name(),
                        rs.getString("description"),
                        rs.getBigDecimal("amount"),
                        rs.getString("currency"),
                        rs.getObject("occurred_at", OffsetDateTime.class)),
                DateParams.startOf(from),
                DateParams.startOf(to),
                station,
                station,
                partnerId,
                partnerId);
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
