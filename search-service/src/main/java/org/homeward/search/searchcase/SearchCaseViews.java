package org.homeward.search.searchcase;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.SearchCaseEvent;
import org.homeward.events.search.SearchCaseEvent.DnaSampleRequested;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.LeadRecorded;
import org.homeward.events.search.SearchCaseEvent.LeadVerified;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;
import org.homeward.events.search.SearchCaseEvent.SearchCaseClosed;
import org.homeward.events.search.SearchCaseEvent.SearchCaseOpened;
import org.homeward.platform.security.Classified;
import org.homeward.platform.security.FieldPolicy.DataClass;
import org.homeward.platform.sourcing.LocalProjection;
import org.homeward.platform.sourcing.Sql;

@ApplicationScoped
public class SearchCaseViews implements LocalProjection {

    /** Who reported a lead and whom the team contacted are contact details (FieldPolicy): not for police liaison. */
    public record LeadView(
            UUID leadId,
            String channel,
            String category,
            String partnerId,
            String summary,
            @Classified(DataClass.CONTACT_DETAILS) String reportedBy,
            OffsetDateTime reportedAt,
            String verification,
            OffsetDateTime verifiedAt,
            @Classified(DataClass.CONTACT_DETAILS) List<String> contacted) {}

    public record NoticeView(UUID noticeId, String medium, OffsetDateTime publishedAt) {}

    public record SuccessView(
            UUID leadId,
            String channel,
            String partnerId,
            String firstLeadChannel,
            String creditedStaff,
            String creditedUnit,
            OffsetDateTime occurredAt) {}

    public record CaseSummary(
            UUID caseId,
            UUID personId,
            String openingReason,
            OffsetDateTime openedAt,
            OffsetDateTime closedAt,
            String closureReason,
            OffsetDateTime succeededAt,
            String status,
            long version) {}

    public record CaseView(
            CaseSummary summary,
            List<LeadView> leads,
            List<NoticeView> notices,
            OffsetDateTime dnaRequestedAt,
            SuccessView success) {}

    @Override
    public List<String> tables() {
        return List.of("search_case", "lead", "notice", "success");
    }

    @Override
    public void apply(Connection c, EventEnvelope event) throws SQLException {
        if (!(event.payload() instanceof SearchCaseEvent payload)) {
            return;
        }
        OffsetDateTime at = event.occurredAt();
        if (payload instanceof SearchCaseOpened e) {
            Sql.update(
                    c,
                    "INSERT INTO search_case (case_id, person_id, opening_reason, stay_id, opened_at, "
                            + "last_progress_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    e.caseId(),
                    e.personId(),
                    e.reason(),
                    e.stayId(),
                    at,
                    at,
                    event.streamVersion());
            return;
        }
        if (payload instanceof LeadRecorded e) {
            Sql.update(
                    c,
                    "INSERT INTO lead (lead_id, case_id, channel, partner_id, summary, reported_by, reported_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    e.leadId(),
                    e.caseId(),
                    e.channel(),
                    e.partnerId(),
                    e.summary(),
                    e.reportedBy(),
                    at);
        } else if (payload instanceof LeadVerified e) {
            Sql.update(
                    c,
                    "UPDATE lead SET verification = ?, verified_at = ?, contacted = ? WHERE lead_id = ?",
                    e.outcome(),
                    at,
                    e.contacted() == null ? null : e.contacted().toArray(String[]::new),
                    e.leadId());
        } else if (payload instanceof NoticePublished e) {
            Sql.update(c, "INSERT INTO notice VALUES (?, ?, ?, ?)", e.noticeId(), e.caseId(), e.medium(), at);
            Sql.update(
                    c,
                    "UPDATE search_case SET first_notice_at = LEAST(coalesce(first_notice_at, ?), ?) WHERE case_id = ?",
                    at,
                    at,
                    e.caseId());
        } else if (payload instanceof DnaSampleRequested e) {
            Sql.update(
                    c,
                    "UPDATE search_case SET dna_requested_at = LEAST(coalesce(dna_requested_at, ?), ?) WHERE case_id = ?",
                    at,
                    at,
                    e.caseId());
        } else if (payload instanceof FamilyFound e) {
            Sql.update(
                    c,
                    "INSERT INTO success VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.caseId(),
                    e.personId(),
                    e.leadId(),
                    e.channel(),
                    e.partnerId(),
                    e.firstLeadChannel(),
                    e.creditedStaff(),
                    e.creditedUnit(),
                    at);
            Sql.update(c, "UPDATE search_case SET succeeded_at = ? WHERE case_id = ?", at, e.caseId());
        } else if (payload instanceof SearchCaseClosed e) {
            Sql.update(
                    c,
                    "UPDATE search_case SET closed_at = ?, closure_reason = ? WHERE case_id = ?",
                    at,
                    e.reason(),
                    e.caseId());
        }
        Sql.update(
                c,
                "UPDATE search_case SET version = ?, last_progress_at = GREATEST(last_progress_at, ?) "
                        + "WHERE case_id = ?",
                event.streamVersion(),
                payload instanceof SearchCaseClosed ? null : at,
                payload.caseId());
    }

    /** The texts of the leads on this record's cases (summary, who reported, whom the team contacted). */
    public List<String> leadTexts(Connection c, UUID personId) throws SQLException {
        return Sql.list(
                c,
                "SELECT t FROM lead l JOIN search_case s USING (case_id), "
                        + "unnest(array_cat(ARRAY[l.summary, l.reported_by], l.contacted)) t "
                        + "WHERE s.person_id = ? AND t IS NOT NULL",
                rs -> rs.getString(1),
                personId);
    }

    /**
     * Clears the leads of an erased record (ADR 35) as a replay without search's key of the person would
     * write them; channels, partners, dates and outcomes stay for the figures.
     */
    public void erasePerson(Connection c, UUID personId) throws SQLException {
        Sql.update(
                c,
                "UPDATE lead SET summary = NULL, reported_by = NULL, contacted = NULL "
                        + "WHERE case_id IN (SELECT case_id FROM search_case WHERE person_id = ?)",
                personId);
    }

    /**
     * An open case of any record that reads as the person (ADR 23, 31): a person has one open case. Two
     * records that both had one when intake merged them keep both open, shown under the survivor, until
     * staff close one; no further case is opened for the person meanwhile.
     */
    public Optional<UUID> openCaseOfPerson(Connection c, UUID personId) throws SQLException {
        return Sql.one(
                c,
                "SELECT case_id FROM search_case WHERE person_id IN (SELECT person_records(?)) AND closed_at IS NULL "
                        + "ORDER BY person_id = survivor_of(?) DESC, opened_at LIMIT 1",
                rs -> rs.getObject(1, UUID.class),
                personId,
                personId);
    }

    /** The open case recorded for this very record: what a discharge of one of its stays closes (ADR 23). */
    public Optional<UUID> openCaseOf(Connection c, UUID personId) throws SQLException {
        return Sql.one(
                c,
                "SELECT case_id FROM search_case WHERE person_id = ? AND closed_at IS NULL",
                rs -> rs.getObject(1, UUID.class),
                personId);
    }

    /** The case opened for a stay (the unidentified admission's), if any. */
    public Optional<UUID> caseOfStay(Connection c, UUID stayId) throws SQLException {
        return Sql.one(
                c,
                "SELECT case_id FROM search_case WHERE stay_id = ? ORDER BY opened_at DESC LIMIT 1",
                rs -> rs.getObject(1, UUID.class),
                stayId);
    }

    /** The cases of every record that reads as the person (a merged record's too, ADR 23). */
    public List<CaseSummary> ofPerson(Connection c, UUID personId, Boolean open) throws SQLException {
        return Sql.list(
                c,
                "SELECT * FROM search_case WHERE person_id IN (SELECT person_records(?)) AND (?::boolean IS NULL OR (closed_at IS NULL) = ?) "
                        + "ORDER BY opened_at",
                SearchCaseViews::summary,
                personId,
                open,
                open);
    }

    public Optional<CaseView> find(Connection c, UUID caseId) throws SQLException {
        Optional<CaseSummary> summary =
                Sql.one(c, "SELECT * FROM search_case WHERE case_id = ?", SearchCaseViews::summary, caseId);
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        List<LeadView> leads = Sql.list(
                c,
                "SELECT * FROM lead WHERE case_id = ? ORDER BY reported_at",
                rs -> {
                    Array contacted = rs.getArray("contacted");
                    String channel = rs.getString("channel");
                    return new LeadView(
                            rs.getObject("lead_id", UUID.class),
                            channel,
                            LeadChannel.valueOf(channel).category.name(),
                            rs.getString("partner_id"),
                            rs.getString("summary"),
                            rs.getString("reported_by"),
                            rs.getObject("reported_at", OffsetDateTime.class),
                            rs.getString("verification"),
                            rs.getObject("verified_at", OffsetDateTime.class),
                            contacted == null ? List.of() : Arrays.asList((String[]) contacted.getArray()));
                },
                caseId);
        List<NoticeView> notices = Sql.list(
                c,
                "SELECT * FROM notice WHERE case_id = ? ORDER BY published_at",
                rs -> new NoticeView(
                        rs.getObject("notice_id", UUID.class),
                        rs.getString("medium"),
                        rs.getObject("published_at", OffsetDateTime.class)),
                caseId);
        Optional<SuccessView> success = Sql.one(
                c,
                "SELECT * FROM success WHERE case_id = ?",
                rs -> new SuccessView(
                        rs.getObject("lead_id", UUID.class),
                        rs.getString("channel"),
                        rs.getString("partner_id"),
                        rs.getString("first_lead_channel"),
                        rs.getString("credited_staff"),
                        rs.getString("credited_unit"),
                        rs.getObject("occurred_at", OffsetDateTime.class)),
                caseId);
        OffsetDateTime dna = Sql.one(
                        c,
                        "SELECT dna_requested_at FROM search_case WHERE case_id = ?",
                        rs -> rs.getObject(1, OffsetDateTime.class),
                        caseId)
                .orElse(null);
        return Optional.of(new CaseView(summary.get(), leads, notices, dna, success.orElse(null)));
    }

    static CaseSummary summary(ResultSet rs) throws SQLException {
        OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
        OffsetDateTime succeeded = rs.getObject("succeeded_at", OffsetDateTime.class);
        String status = succeeded != null ? "FAMILY_FOUND" : closed != null ? "CLOSED" : "OPEN";
        return new CaseSummary(
                rs.getObject("case_id", UUID.class),
                rs.getObject("person_id", UUID.class),
                rs.getString("opening_reason"),
                rs.getObject("opened_at", OffsetDateTime.class),
                closed,
                rs.getString("closure_reason"),
                succeeded,
                status,
                rs.getLong("version"));
    }
}
