package org.homeward.reporting.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.platform.sourcing.Sql;
import org.homeward.platform.web.DateParams;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/**
 * What changed in a report between two record-time instants (docs/adr/0027): the figures that differ,
 * and the events recorded in between that the report reads and that happened before its period ended.
 */
@ApplicationScoped
public class FigureChanges {

    /** One figure (a JSON path in the report, e.g. {@code admissionsByChannel[2].count}) known differently at the two instants. */
    public record Difference(String figure, JsonNode before, JsonNode after) {}

    /** An event recorded between the two instants: which stay, case or person (its stream), what, when, by whom. */
    public record LateEvent(
            UUID eventId,
            String eventType,
            String streamId,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            String recordedBy,
            String recordedByRole) {}

    public record Changes(
            String type,
            Map<String, String> parameters,
            OffsetDateTime since,
            OffsetDateTime until,
            List<Difference> differences,
            List<LateEvent> events) {}

    private final FactSchemas facts;
    private final ObjectMapper mapper;

    public FigureChanges(FactSchemas facts, ObjectMapper mapper) {
        this.facts = facts;
        this.mapper = mapper;
    }

    /** The report known at {@code since} against known at {@code until} (null: everything known now). */
    public Changes between(ReportCatalog.Prepared report, KnownAt since, KnownAt until) {
        JsonNode before = mapper.valueToTree(facts.inLive(since, report::compute));
        JsonNode after = mapper.valueToTree(facts.inLive(until, report::compute));
        List<Difference> differences = differences(before, after);
        List<LateEvent> events =
                facts.inLive(c -> lateEvents(c, report, since.instant(), until == null ? null : until.instant()));
        return new Changes(
                report.type(),
                report.parameters(),
                since.instant(),
                until == null ? null : until.instant(),
                differences,
                events);
    }

    /** Every leaf that differs, by its path; a list that grew or shrank shows its added or missing items. */
    public static List<Difference> differences(JsonNode before, JsonNode after) {
        Map<String, JsonNode> a = new LinkedHashMap<>();
        Map<String, JsonNode> b = new LinkedHashMap<>();
        flatten("", before, a);
        flatten("", after, b);
        List<Difference> out = new ArrayList<>();
        a.forEach((path, value) -> {
            JsonNode other = b.get(path);
            if (other == null || !other.equals(value)) {
                out.add(new Difference(path, value, other));
            }
        });
        b.forEach((path, value) -> {
            if (!a.containsKey(path)) {
                out.add(new Difference(path, null, value));
            }
        });
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node);
        }
    }

    /**
     * The events recorded in (since, until] of the kinds the report reads, that happened before its period
     * ended, of the station's stays, persons, cases and programmes when a station is named.
     */
    private static List<LateEvent> lateEvents(
            Connection c, ReportCatalog.Prepared report, OffsetDateTime since, OffsetDateTime until)
            throws SQLException {
        OffsetDateTime end = report.periodEnd() == null ? null : DateParams.startOf(report.periodEnd());
        String station = report.stationId();
        return Sql.list(
                c,
                "SELECT e.event_id, e.event_type, e.stream_id, e.occurred_at, e.recorded_at, e.actor_subject, "
                        + "e.actor_role FROM applied_event e WHERE e.recorded_at > ? AND (?::timestamptz IS NULL OR e.recorded_at <= ?) "
                        + "AND e.event_type = ANY (?) AND (?::timestamptz IS NULL OR e.occurred_at < ?) "
                        + "AND (?::text IS NULL OR e.stream_id = ? OR e.stream_id IN ("
                        + "SELECT stay_id::text FROM stay WHERE station_id = ? "
                        + "UNION SELECT person_id::text FROM stay WHERE station_id = ? "
                        + "UNION SELECT case_id::text FROM success WHERE person_id IN (SELECT person_id FROM stay WHERE station_id = ?) "
                        + "UNION SELECT case_id::text FROM notice WHERE person_id IN (SELECT person_id FROM stay WHERE station_id = ?) "
                        + "UNION SELECT program_id::text FROM program WHERE station_id = ? "
                        + "UNION SELECT sc.case_id::text FROM street_case sc JOIN program p ON p.program_id = sc.program_id "
                        + "WHERE p.station_id = ?)) ORDER BY e.recorded_at, e.event_id",
                rs -> new LateEvent(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class),
                        rs.getString(6),
                        rs.getString(7)),
                since,
                until,
                until,
                (Object) c.createArrayOf("text", report.eventTypes().toArray()),
                end,
                end,
                station,
                station,
                station,
                station,
                station,
                station,
                station,
                station);
    }
}
