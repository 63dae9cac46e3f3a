package org.homeward.search.matching;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.StreamId;
import org.homeward.events.search.LeadChannel;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.Versions;
import org.homeward.search.missingreport.MissingPersonReport;
import org.homeward.search.missingreport.MissingPersonReportResource;
import org.homeward.search.missingreport.MissingPersonReports;
import org.homeward.search.missingreport.MissingPersonReports.ReportView;
import org.homeward.search.resident.Residents.Resident;
import org.homeward.search.searchcase.SearchCase;

/**
 * Candidate pairs of a missing-person report and a resident, with score and explanation; the team
 * excludes a pair (with who and why) or turns it into a lead on the resident's search case, under
 * the channel of the report's source.
 */
@Path("/api/missing-person-reports/{reportId}/candidates")
@RolesAllowed({Roles.SEARCH_TEAM, Roles.STATION_STAFF, Roles.ADMIN})
public class CandidateResource {

    public record Exclude(@NotBlank @Size(max = 500) String reason, OffsetDateTime occurredAt) {}

    public record MakeLead(@Size(max = 1000) String summary, OffsetDateTime occurredAt) {}

    private final EventSourcing sourcing;
    private final Candidates candidates;
    private final MissingPersonReports reports;
    private final Caller caller;
    private final AuditLog audit;

    public CandidateResource(
            EventSourcing sourcing,
            Candidates candidates,
            MissingPersonReports reports,
            Caller caller,
            AuditLog audit) {
        this.sourcing = sourcing;
        this.candidates = candidates;
        this.reports = reports;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    public List<Candidates.Candidate> ofReport(
            @PathParam("reportId") UUID reportId,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        List<Candidates.Candidate> found = sourcing.inTransaction(c -> candidates.forReport(c, reportId, limit));
        audit.record(caller, "READ_CANDIDATES_OF_REPORT", reportId);
        return found;
    }

    @POST
    @Path("{personId}/exclusion")
    @APIResponse(
            responseCode = "201",
            description = "The resident was ruled out for this report (Location: the report)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {
                                                "reportId",
                                                "personId",
                                                "score",
                                                "reason",
                                                "excludedBy"
                                            },
                                            properties = {
                                                @SchemaProperty(
                                                        name = "reportId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid"),
                                                @SchemaProperty(
                                                        name = "personId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid"),
                                                @SchemaProperty(
                                                        name = "score",
                                                        type = SchemaType.INTEGER,
                                                        format = "int32"),
                                                @SchemaProperty(name = "reason", type = SchemaType.STRING),
                                                @SchemaProperty(name = "excludedBy", type = SchemaType.STRING)
                                            })))
    public Response exclude(
            @PathParam("reportId") UUID reportId,
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Exclude request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        String who = caller.actor().subject();
        int score = sourcing.inTransaction(c -> {
            ReportView report = report(c, reportId);
            int current = candidates.score(c, report, personId).score();
            sourcing.execute(
                    c,
                    MissingPersonReportResource.stream(reportId),
                    Versions.ifMatch(ifMatch),
                    MissingPersonReport::from,
                    r -> r.exclude(personId, current, request.reason().strip(), who, at),
                    caller.metadata());
            return current;
        });
        return Response.created(URI.create("/api/missing-person-reports/" + reportId))
                .entity(Map.of(
                        "reportId",
                        reportId,
                        "personId",
                        personId,
                        "score",
                        score,
                        "reason",
                        request.reason().strip(),
                        "excludedBy",
                        who))
                .build();
    }

    @POST
    @Path("{personId}/lead")
    @APIResponse(
            responseCode = "201",
            description = "The resident became a lead on their open search case (Location: the case)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"leadId", "caseId", "channel", "score"},
                                            properties = {
                                                @SchemaProperty(
                                                        name = "leadId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid"),
                                                @SchemaProperty(
                                                        name = "caseId",
                                                        type = SchemaType.STRING,
                                                        format = "uuid"),
                                                @SchemaProperty(name = "channel", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "score",
                                                        type = SchemaType.INTEGER,
                                                        format = "int32"),
                                                @SchemaProperty(name = "partnerId", type = SchemaType.STRING)
                                            })))
    public Response lead(
            @PathParam("reportId") UUID reportId,
            @PathParam("personId") UUID personId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid MakeLead request) {
        OffsetDateTime at = BusinessTime.resolve(request == null ? null : request.occurredAt());
        UUID leadId = UUID.randomUUID();
        Map<String, Object> answer = sourcing.inTransaction(c -> {
            ReportView report = report(c, reportId);
            Resident resident = candidates.resident(c, personId);
            if (resident.openCaseId() == null) {
                throw HomewardException.rule(
                        "personId", "Person " + personId + " has no open search case to take the lead");
            }
            MatchScorer.Score score = candidates.score(c, report, personId);
            LeadChannel[] channel = new LeadChannel[1];
            sourcing.execute(
                    c,
                    MissingPersonReportResource.stream(reportId),
                    Versions.ifMatch(ifMatch),
                    MissingPersonReport::from,
                    r -> {
                        channel[0] = r.leadChannel();
                        return r.turnIntoLead(personId, score.score(), resident.openCaseId(), leadId, at);
                    },
                    caller.metadata());
            String partnerId =
                    channel[0] == LeadChannel.PARTNER ? report.reporter().partnerId() : null;
            String summary = summary(report, score, request == null ? null : request.summary());
            sourcing.execute(
                    c,
                    StreamId.of(SearchCase.STREAM, resident.openCaseId()),
                    null,
                    SearchCase::from,
                    sc -> sc.recordLead(
                            leadId,
                            channel[0],
                            partnerId,
                            summary,
                            caller.actor().subject(),
                            at),
                    caller.metadata());
            LinkedHashMap<String, Object> body = new LinkedHashMap<>();
            body.put("leadId", leadId);
            body.put("caseId", resident.openCaseId());
            body.put("channel", channel[0].name());
            if (partnerId != null) {
                body.put("partnerId", partnerId);
            }
            body.put("score", score.score());
            return body;
        });
        return Response.created(URI.create("/api/search-cases/" + answer.get("caseId")))
                .entity(answer)
                .build();
    }

    private ReportView report(Connection c, UUID reportId) throws SQLException {
        return reports.find(c, reportId)
                .orElseThrow(() -> HomewardException.notFound("Missing-person report", reportId));
    }

    /** The scorer's components as staff read them. */
    private static final Map<String, String> COMPONENT_LABELS = Map.of(
            "name", "姓名", "hometown", "家乡", "dialect", "口音", "sex", "性别", "age", "年龄", "marks", "体貌特征", "dates", "时间");

    /**
     * The lead's summary: which report (by id), its source and which components of the score agreed, with no
     * value of the report in it. The lead is the resident's (sealed with their key); a family's withdrawn and
     * erased report must leave nothing behind in it (ADR 35), and staff open the report by its id while it lasts.
     */
    private static String summary(ReportView report, MatchScorer.Score score, String note) {
        String source = switch (report.reporter().kind()) {
            case "IMPORTED" -> "导入 " + report.reporter().source();
            case "PARTNER" -> "合作方 " + report.reporter().partnerId();
            case "POLICE" -> "公安";
            default -> "家属来站登记";
        };
        String agreed = score.components().stream()
                .filter(p -> p.points() > 0)
                .map(p -> COMPONENT_LABELS.getOrDefault(p.component(), p.component()) + "+" + p.points())
                .collect(Collectors.joining("，"));
        String text = "寻人登记 " + report.reportId() + "（" + source + "）比对得分" + score.score()
                + (agreed.isEmpty() ? "" : "：" + agreed)
                + (note == null || note.isBlank() ? "" : "。" + note.strip());
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
