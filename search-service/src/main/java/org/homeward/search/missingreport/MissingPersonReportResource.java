package org.homeward.search.missingreport;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.intake.Sex;
import org.homeward.events.search.ReporterKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.problem.Problem;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.web.DateParams;
import org.homeward.platform.web.Versions;
import org.homeward.search.partner.Partners;

/**
 * Missing-person reports (寻人登记) from families, partners, the police and imported sources. A
 * partner submits, sees and changes only its own reports; police liaison only police reports.
 */
@Path("/api/missing-person-reports")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.PARTNER, Roles.ADMIN})
public class MissingPersonReportResource {

    public record ReporterInput(
            @NotNull ReporterKind kind,
            @Size(max = 64) String partnerId,
            @Size(max = 100) String source,
            @Size(max = 200) String sourceReference,
            @Size(max = 100) String name,
            @Size(max = 50) String relation,
            @Size(max = 50) String phone) {}

    public record SubmitReport(
            @NotNull @Valid ReporterInput reporter,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> otherNames,
            @NotNull Sex sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            @Size(max = 200) String hometown,
            @Size(max = 6) String hometownCode,
            @Size(max = 100) String dialect,
            @NotNull LocalDate lastSeenOn,
            @Size(max = 200) String lastSeenPlace,
            @Size(max = 4000) String description,
            OffsetDateTime occurredAt) {}

    /** Only the fields given change; the reporter cannot be changed. */
    public record UpdateReport(
            @Size(max = 100) String name,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> otherNames,
            Sex sex,
            Integer birthYear,
            Integer ageWhenLastSeen,
            @Size(max = 200) String hometown,
            @Size(max = 6) String hometownCode,
            @Size(max = 100) String dialect,
            LocalDate lastSeenOn,
            @Size(max = 200) String lastSeenPlace,
            @Size(max = 4000) String description,
            OffsetDateTime occurredAt) {}

    public record Withdraw(@NotBlank @Size(max = 500) String reason, OffsetDateTime occurredAt) {}

    public record Found(UUID personId, @Size(max = 500) String note, OffsetDateTime occurredAt) {}

    /** Why the report's personal data are erased (a family's withdrawn report, a retention rule): the audit. */
    public record Erase(@NotBlank @Size(max = 500) String reason) {}

    private final EventSourcing sourcing;
    private final MissingPersonReports reports;
    private final Partners partners;
    private final Caller caller;
    private final AuditLog audit;
    private final ReportErasure erasure;

    public MissingPersonReportResource(
            EventSourcing sourcing,
            MissingPersonReports reports,
            Partners partners,
            Caller caller,
            AuditLog audit,
            ReportErasure erasure) {
        this.sourcing = sourcing;
        this.reports = reports;
        this.partners = partners;
        this.caller = caller;
        this.audit = audit;
        this.erasure = erasure;
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "The report was registered (Location: the report; ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response submit(@Valid @NotNull SubmitReport request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        ReporterInput r = request.reporter();
        String partnerId = r.partnerId();
        if (caller.isPartner()) {
            if (r.kind() != ReporterKind.PARTNER || (partnerId != null && !partnerId.equals(caller.partnerId()))) {
                throw new HomewardException(
                        403, "Forbidden", "A partner submits PARTNER reports under its own partnerId", List.of());
            }
            partnerId = caller.partnerId();
        }
        if (isPolice() && r.kind() != ReporterKind.POLICE) {
            throw new HomewardException(403, "Forbidden", "A police liaison submits POLICE reports", List.of());
        }
        MissingPersonReport.Reporter reporter = new MissingPersonReport.Reporter(
                r.kind(),
                partnerId,
                strip(r.source()),
                strip(r.sourceReference()),
                strip(r.name()),
                strip(r.relation()),
                strip(r.phone()));
        MissingPersonReport.Details details = new MissingPersonReport.Details(
                request.name().strip(),
                names(request.otherNames()),
                request.sex(),
                request.birthYear(),
                request.ageWhenLastSeen(),
                strip(request.hometown()),
                strip(request.hometownCode()),
                strip(request.dialect()),
                request.lastSeenOn(),
                strip(request.lastSeenPlace()),
                strip(request.description()));
        UUID reportId = UUID.randomUUID();
        MissingPersonReports.ReportView view = sourcing.inTransaction(c -> {
            if (reporter.partnerId() != null
                    && partners.find(c, reporter.partnerId()).isEmpty()) {
                throw HomewardException.rule("reporter.partnerId", "Unknown partner " + reporter.partnerId());
            }
            sourcing.append(
                    c,
                    stream(reportId),
                    0,
                    MissingPersonReport.submit(reportId, reporter, details, at),
                    caller.metadata());
            return reports.find(c, reportId).orElseThrow();
        });
        return Response.created(URI.create("/api/missing-person-reports/" + reportId))
                .entity(view)
                .tag(Versions.etag(view.version()))
                .build();
    }

    @GET
    public List<MissingPersonReports.ReportView> list(
            @QueryParam("status") String status,
            @QueryParam("reporterKind") String reporterKind,
            @QueryParam("partnerId") String partnerId,
            @QueryParam("sex") String sex,
            @QueryParam("name") String name,
            @QueryParam("hometown") String hometown,
            @QueryParam("lastSeenFrom") String lastSeenFrom,
            @QueryParam("lastSeenTo") String lastSeenTo,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        String partner = caller.isPartner() ? caller.partnerId() : partnerId;
        if (caller.isPartner() && partnerId != null && !partnerId.equals(partner)) {
            return List.of(); // another partner's reports: as if there were none
        }
        MissingPersonReports.Filter filter = new MissingPersonReports.Filter(
                oneOf("status", status, MissingPersonReport.Status.class),
                oneOf("reporterKind", reporterKind, ReporterKind.class),
                partner,
                oneOf("sex", sex, Sex.class),
                blankToNull(name),
                blankToNull(hometown),
                lastSeenFrom == null ? null : DateParams.date("lastSeenFrom", lastSeenFrom),
                lastSeenTo == null ? null : DateParams.date("lastSeenTo", lastSeenTo));
        List<MissingPersonReports.ReportView> found =
                sourcing.inTransaction(c -> reports.list(c, filter, limit, offset));
        audit.record(caller, "LIST_MISSING_PERSON_REPORTS", partner == null ? "all" : partner);
        return found;
    }

    @GET
    @Path("{reportId}")
    @APIResponse(
            responseCode = "200",
            description = "The missing-person report (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response get(@PathParam("reportId") UUID reportId) {
        MissingPersonReports.ReportView view = visible(reportId);
        audit.record(caller, "READ_MISSING_PERSON_REPORT", reportId);
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    @PATCH
    @Path("{reportId}")
    @APIResponse(
            responseCode = "200",
            description = "The report as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response patch(
            @PathParam("reportId") UUID reportId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull UpdateReport request) {
        return update(reportId, ifMatch, request);
    }

    @POST
    @Path("{reportId}/update")
    @APIResponse(
            responseCode = "200",
            description = "The report as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response update(
            @PathParam("reportId") UUID reportId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull UpdateReport request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        if (request.name() != null && request.name().isBlank()) {
            throw HomewardException.badInput("name", "must not be blank");
        }
        MissingPersonReport.Details changes = new MissingPersonReport.Details(
                strip(request.name()),
                request.otherNames() == null ? null : names(request.otherNames()),
                request.sex(),
                request.birthYear(),
                request.ageWhenLastSeen(),
                strip(request.hometown()),
                strip(request.hometownCode()),
                strip(request.dialect()),
                request.lastSeenOn(),
                strip(request.lastSeenPlace()),
                strip(request.description()));
        return command(reportId, ifMatch, r -> r.update(changes, at));
    }

    @POST
    @Path("{reportId}/withdrawal")
    @APIResponse(
            responseCode = "200",
            description = "The report as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response withdraw(
            @PathParam("reportId") UUID reportId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Withdraw request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        return command(reportId, ifMatch, r -> r.withdraw(request.reason().strip(), at));
    }

    @POST
    @Path("{reportId}/found")
    @APIResponse(
            responseCode = "200",
            description = "The report as it now stands (ETag: its version)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    public Response found(
            @PathParam("reportId") UUID reportId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Found request) {
        OffsetDateTime at = BusinessTime.resolve(request.occurredAt());
        return command(reportId, ifMatch, r -> r.found(request.personId(), strip(request.note()), at));
    }

    /**
     * Erases the report's personal data, the missing person's and the reporter's (ADR 35): its key is
     * destroyed and its values cleared everywhere in search; status, dates and codes stay, so every
     * figure does. ADMIN only, with a reason; the erasure is an event and an audit entry.
     */
    @POST
    @Path("{reportId}/erasure")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "Erased: the report as it now stands, its personal values null and its erasure",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = MissingPersonReports.ReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The report was erased already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response eraseMissingPersonReport(@PathParam("reportId") UUID reportId, @Valid @NotNull Erase request) {
        MissingPersonReports.ReportView view = erasure.erase(
                reportId,
                request.reason(),
                caller.metadata(),
                (c, subjects) -> audit.recordEach(c, caller, "ERASE_MISSING_PERSON_REPORT", subjects));
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    private Response command(UUID reportId, String ifMatch, Function<MissingPersonReport, List<NewEvent>> decide) {
        MissingPersonReports.ReportView current = visible(reportId);
        if (isPolice() && !"POLICE".equals(current.reporter().kind())) {
            throw new HomewardException(403, "Forbidden", "A police liaison changes POLICE reports only", List.of());
        }
        MissingPersonReports.ReportView view = sourcing.inTransaction(c -> {
            sourcing.execute(
                    c,
                    stream(reportId),
                    Versions.ifMatch(ifMatch),
                    MissingPersonReport::from,
                    decide,
                    caller.metadata());
            return reports.find(c, reportId).orElseThrow();
        });
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    /** The report, if the caller may see it: a partner's view of another partner's report is a 404. */
    private MissingPersonReports.ReportView visible(UUID reportId) {
        return sourcing.inTransaction(c -> reports.find(c, reportId))
                .filter(v -> !caller.isPartner()
                        || caller.partnerId().equals(v.reporter().partnerId()))
                .orElseThrow(() -> HomewardException.notFound("Missing-person report", reportId));
    }

    private boolean isPolice() {
        return Roles.POLICE_LIAISON.equals(caller.actor().role());
    }

    public static StreamId stream(UUID reportId) {
        return StreamId.of(MissingPersonReport.STREAM, reportId);
    }

    private static List<String> names(List<String> names) {
        return names == null
                ? List.of()
                : names.stream().map(String::strip).distinct().toList();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A query parameter naming a value of {@code type}; another value is 400 naming the parameter. */
    private static <E extends Enum<E>> String oneOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip()).name();
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
