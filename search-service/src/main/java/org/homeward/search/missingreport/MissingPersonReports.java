package org.homeward.search.missingreport;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.MissingPersonReportEvent;
import org.homeward.events.search.MissingPersonReportEvent.CandidateExcluded;
import org.homeward.events.search.MissingPersonReportEvent.CandidateTurnedIntoLead;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonFound;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportErased;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportSubmitted;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportUpdated;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportWithdrawn;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

/** The read model of missing-person reports, their status history, exclusions and leads. */
@ApplicationScoped
public class MissingPersonReports implements LocalProjection {

    private final Instance<ReportListener> listeners;

    public MissingPersonReports(Instance<ReportListener> listeners) {
        this.listeners = listeners;
    }

    /** A family member's name, relation and phone are contact details (FieldPolicy). */
    public record ReporterView(
            String kind,
            String partnerId,
            String source,
            String sourceReference,
            @Classified(DataClass.CONTACT_DETAILS) String name,
            @Classified(DataClass.CONTACT_DETAILS) String relation,
            @Classified(DataClass.CONTACT_DETAILS) String phone) {}

    public record StatusChange(String status, OffsetDateTime occurredAt, String note, UUID personId) {}

    public record ExclusionView(
            UUID personId, int score, String reason, String excludedBy, OffsetDateTime excludedAt) {}

    public record LeadView(
            UUID personId, UUID caseId, UUID leadId, String channel, int score, OffsetDateTime createdAt) {}

    public record ReportView(
            UUID reportId,
            ReporterView reporter,
            String name,
            List<String> otherNames,
            String sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            String hometown,
            String hometownCode,
            String dialect,
            LocalDate lastSeenOn,
            String lastSeenPlace,
            String description,
            String status,
            OffsetDateTime submittedAt,
            OffsetDateTime updatedAt,
            long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<StatusChange> history,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<ExclusionView> exclusions,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<LeadView> leads,
            @JsonInclude(JsonInclude.Include.NON_NULL) Erasure erasure) {}

    /** A report's erasure (ADR 35): when, by whom, why; its personal values then read as null. */
    public record Erasure(OffsetDateTime erasedAt, String erasedBy, String reason) {}

    /** Filters of the list; null means any. */
    public record Filter(
            String status,
            String reporterKind,
            String partnerId,
            String sex,
            String name,
            String hometown,
            LocalDate lastSeenFrom,
            LocalDate lastSeenTo) {}

    @Override
    public List<String> tables() {
        return List.of("missing_report", "missing_report_history", "candidate_exclusion", "candidate_lead");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof MissingPersonReportEvent payload)) {
            return;
        }
        OffsetDateTime at = event.occurredAt();
        if (payload instanceof MissingPersonReportSubmitted e) {
            Sql.update(
                    c,
                    "INSERT INTO missing_report (report_id, reporter_kind, partner_id, source, source_reference, "
                            + "reporter_name, reporter_relation, reporter_phone, name, other_names, sex, birth_year, age_when_last_seen, "
                            + "hometown, hometown_code, dialect, last_seen_on, last_seen_place, description, status, submitted_at, "
                            + "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)",
                    e.reportId(),
                    e.reporterKind(),
                    e.partnerId(),
                    e.source(),
                    e.sourceReference(),
                    e.reporterName(),
                    e.reporterRelation(),
                    e.reporterPhone(),
                    e.name(),
                    names(e.otherNames()),
                    e.sex(),
                    e.birthYear(),
                    e.ageWhenLastSeen(),
                    e.hometown(),
                    e.hometownCode(),
                    e.dialect(),
                    e.lastSeenOn(),
                    e.lastSeenPlace(),
                    e.description(),
                    at,
                    at,
                    event.streamVersion());
            history(c, event, "OPEN", null, null);
            changed(c, e.reportId(), at);
            return;
        }
        if (payload instanceof MissingPersonReportUpdated e) {
            Sql.update(
                    c,
                    "UPDATE missing_report SET name = ?, other_names = ?, sex = ?, birth_year = ?, age_when_last_seen = ?, "
                            + "hometown = ?, hometown_code = ?, dialect = ?, last_seen_on = ?, last_seen_place = ?, description = ? "
                            + "WHERE report_id = ?",
                    e.name(),
                    names(e.otherNames()),
                    e.sex(),
                    e.birthYear(),
                    e.ageWhenLastSeen(),
                    e.hometown(),
                    e.hometownCode(),
                    e.dialect(),
                    e.lastSeenOn(),
                    e.lastSeenPlace(),
                    e.description(),
                    e.reportId());
        } else if (payload instanceof MissingPersonReportWithdrawn e) {
            Sql.update(c, "UPDATE missing_report SET status = 'WITHDRAWN' WHERE report_id = ?", e.reportId());
            history(c, event, "WITHDRAWN", e.reason(), null);
        } else if (payload instanceof MissingPersonFound e) {
            Sql.update(c, "UPDATE missing_report SET status = 'FOUND' WHERE report_id = ?", e.reportId());
            history(c, event, "FOUND", e.note(), e.personId());
        } else if (payload instanceof CandidateExcluded e) {
            Sql.update(
                    c,
                    "INSERT INTO candidate_exclusion VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, person_id) DO "
                            + "UPDATE SET score = excluded.score, reason = excluded.reason, excluded_by = excluded.excluded_by, "
                            + "excluded_at = excluded.excluded_at",
                    e.reportId(),
                    e.personId(),
                    e.score(),
                    e.reason(),
                    e.excludedBy(),
                    at);
        } else if (payload instanceof MissingPersonReportErased e) {
            erase(c, event, e);
        } else if (payload instanceof CandidateTurnedIntoLead e) {
            Sql.update(
                    c,
                    "INSERT INTO candidate_lead VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.reportId(),
                    e.personId(),
                    e.caseId(),
                    e.leadId(),
                    e.channel(),
                    e.score(),
                    at);
        }
        Sql.update(
                c,
                "UPDATE missing_report SET version = ?, updated_at = GREATEST(updated_at, ?) WHERE report_id = ?",
                event.streamVersion(),
                at,
                payload.reportId());
        changed(c, payload.reportId(), at);
    }

    /**
     * Clears every personal value of the report, as a replay without its key would write them (null, no
     * other names), and its blocking keys, so it is proposed for no one (ADR 35). Status and dates stay.
     */
    private static void erase(Connection c, EventEnvelope event, MissingPersonReportErased e) throws SQLException {
        Sql.update(
                c,
                "UPDATE missing_report SET source_reference = NULL, reporter_name = NULL, reporter_relation = NULL, "
                        + "reporter_phone = NULL, name = NULL, other_names = '{}', hometown = NULL, dialect = NULL, "
                        + "last_seen_place = NULL, description = NULL, match_keys = '{}', erased_at = ?, erased_by = ?, "
                        + "erasure_reason = ? WHERE report_id = ?",
                event.occurredAt(),
                event.actor() == null ? null : event.actor().subject(),
                e.reason(),
                e.reportId());
        Sql.update(c, "UPDATE missing_report_history SET note = NULL WHERE report_id = ?", e.reportId());
        Sql.update(c, "UPDATE candidate_exclusion SET reason = NULL WHERE report_id = ?", e.reportId());
    }

    private void changed(Connection c, UUID reportId, OffsetDateTime at) throws SQLException {
        for (ReportListener listener : listeners) {
            listener.reportChanged(c, reportId, at);
        }
    }

    private static void history(Connection c, EventEnvelope event, String status, String note, UUID personId)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO missing_report_history VALUES (?, ?, ?, ?, ?, ?)",
                ((MissingPersonReportEvent) event.payload()).reportId(),
                event.streamVersion(),
                status,
                event.occurredAt(),
                note,
                personId);
    }

    private static String[] names(List<String> names) {
        return names == null ? new String[0] : names.toArray(String[]::new);
    }

    public Optional<ReportView> find(Connection c, UUID reportId) throws SQLException {
        Optional<ReportView> row = Sql.one(
                c,
                "SELECT * FROM missing_report WHERE report_id = ?",
                r -> row(r, List.of(), List.of(), List.of()),
                reportId);
        if (row.isEmpty()) {
            return row;
        }
        List<StatusChange> history = Sql.list(
                c,
                "SELECT * FROM missing_report_history WHERE report_id = ? ORDER BY seq",
                rs -> new StatusChange(
                        rs.getString("status"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("note"),
                        rs.getObject("person_id", UUID.class)),
                reportId);
        List<ExclusionView> exclusions = Sql.list(
                c,
                "SELECT * FROM candidate_exclusion WHERE report_id = ? ORDER BY excluded_at",
                MissingPersonReports::exclusion,
                reportId);
        List<LeadView> leads = Sql.list(
                c,
                "SELECT * FROM candidate_lead WHERE report_id = ? ORDER BY created_at",
                rs -> new LeadView(
                        rs.getObject("person_id", UUID.class),
                        rs.getObject("case_id", UUID.class),
                        rs.getObject("lead_id", UUID.class),
                        rs.getString("channel"),
                        rs.getInt("score"),
                        rs.getObject("created_at", OffsetDateTime.class)),
                reportId);
        return Sql.one(
                c,
                "SELECT * FROM missing_report WHERE report_id = ?",
                r -> row(r, history, exclusions, leads),
                reportId);
    }

    public List<ReportView> list(Connection c, Filter f, int limit, int offset) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM missing_report WHERE (?::text IS NULL OR status = ?) "
                        + "AND (?::text IS NULL OR reporter_kind = ?) AND (?::text IS NULL OR partner_id = ?) "
                        + "AND (?::text IS NULL OR sex = ?) "
                        + "AND (?::text IS NULL OR strpos(name, ?) > 0 OR EXISTS (SELECT 1 FROM unnest(other_names) o WHERE strpos(o, ?) > 0)) "
                        + "AND (?::text IS NULL OR strpos(coalesce(hometown, ''), ?) > 0) "
                        + "AND (?::date IS NULL OR last_seen_on >= ?) AND (?::date IS NULL OR last_seen_on <= ?) "
                        + "ORDER BY submitted_at DESC, report_id LIMIT ? OFFSET ?",
                r -> row(r, null, null, null),
                f.status(),
                f.status(),
                f.reporterKind(),
                f.reporterKind(),
                f.partnerId(),
                f.partnerId(),
                f.sex(),
                f.sex(),
                f.name(),
                f.name(),
                f.name(),
                f.hometown(),
                f.hometown(),
                f.lastSeenFrom(),
                f.lastSeenFrom(),
                f.lastSeenTo(),
                f.lastSeenTo(),
                limit,
                offset);
    }

    /** Open reports, for matching. */
    public List<ReportView> open(Connection c) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM missing_report WHERE status = 'OPEN' AND erased_at IS NULL",
                r -> row(r, null, null, null));
    }

    /** Open reports holding any of the blocking keys (GIN index on match_keys, ADR 0015). */
    public List<ReportView> openMatching(Connection c, Collection<String> keys) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM missing_report WHERE status = 'OPEN' AND erased_at IS NULL AND match_keys && ?::text[]",
                r -> row(r, null, null, null),
                (Object) keys.toArray(String[]::new));
    }

    /** The blocking keys a report is found by (computed by candidate matching). */
    public void keys(Connection c, UUID reportId, Collection<String> keys) throws SQLException {
        Sql.update(
                c,
                "UPDATE missing_report SET match_keys = ? WHERE report_id = ?",
                keys.toArray(String[]::new),
                reportId);
    }

    /** Reports written before blocking keys existed. */
    public List<UUID> unkeyed(Connection c) throws SQLException {
        return Sql.list(
                c, "SELECT report_id FROM missing_report WHERE match_keys IS NULL", rs -> rs.getObject(1, UUID.class));
    }

    /** The exclusions of a report, by resident, or of a resident, by report. */
    public Map<UUID, ExclusionView> exclusionsOfReport(Connection c, UUID reportId) throws SQLException {
        return Sql.list(
                        c,
                        "SELECT * FROM candidate_exclusion WHERE report_id = ?",
                        MissingPersonReports::exclusion,
                        reportId)
                .stream()
                .collect(Collectors.toMap(ExclusionView::personId, e -> e));
    }

    public Map<UUID, Integer> exclusionScoresOfPerson(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                        c,
                        "SELECT report_id, score FROM candidate_exclusion WHERE person_id = ?",
                        rs -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)),
                        personId)
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static ExclusionView exclusion(ResultSet rs) throws SQLException {
        return new ExclusionView(
                rs.getObject("person_id", UUID.class),
                rs.getInt("score"),
                rs.getString("reason"),
                rs.getString("excluded_by"),
                rs.getObject("excluded_at", OffsetDateTime.class));
    }

    private static ReportView row(
            ResultSet rs, List<StatusChange> history, List<ExclusionView> exclusions, List<LeadView> leads)
            throws SQLException {
        Array other = rs.getArray("other_names");
        return new ReportView(
                rs.getObject("report_id", UUID.class),
                new ReporterView(
                        rs.getString("reporter_kind"),
                        rs.getString("partner_id"),
                        rs.getString("source"),
                        rs.getString("source_reference"),
                        rs.getString("reporter_name"),
                        rs.getString("reporter_relation"),
                        rs.getString("reporter_phone")),
                rs.getString("name"),
                other == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) other.getArray())),
                rs.getString("sex"),
                (Integer) rs.getObject("birth_year"),
                (Integer) rs.getObject("age_when_last_seen"),
                rs.getString("hometown"),
                rs.getString("hometown_code"),
                rs.getString("dialect"),
                rs.getObject("last_seen_on", LocalDate.class),
                rs.getString("last_seen_place"),
                rs.getString("description"),
                rs.getString("status"),
                rs.getObject("submitted_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getLong("version"),
                history,
                exclusions,
                leads,
                rs.getObject("erased_at") == null
                        ? null
                        : new Erasure(
                                rs.getObject("erased_at", OffsetDateTime.class),
                                rs.getString("erased_by"),
                                rs.getString("erasure_reason")));
    }
}
