package org.homeward.reporting.publication;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.report.AnnualReportResource;
import org.homeward.reporting.report.AtRiskReport;
import org.homeward.reporting.report.ReportCatalog;
import org.homeward.reporting.report.ReportQueries;
import org.homeward.reporting.report.Reports;
import org.homeward.reporting.report.SocialParticipationReport;

/** Publishing a report (its knownAt frozen), reading a publication back, and the dashboard series' status against theirs. */
@Path("/api/reports/publications")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class PublicationResource {

    /** A report to publish: its type (as in {@link ReportCatalog#TYPES}), its parameters, and optionally its knownAt. */
    public record PublishRequest(String type, Map<String, String> parameters, String knownAt) {}

    private final Publications publications;
    private final ReportCatalog catalog;
    private final FactSchemas facts;
    private final Caller caller;

    public PublicationResource(Publications publications, ReportCatalog catalog, FactSchemas facts, Caller caller) {
        this.publications = publications;
        this.catalog = catalog;
        this.facts = facts;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "The report was published; its knownAt is frozen",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Publications.Publication.class)))
    public Response publish(PublishRequest request) {
        if (request == null) {
            throw HomewardException.badInput("type", "a publication needs a type and its parameters");
        }
        ReportCatalog.Prepared report = catalog.prepare(request.type(), request.parameters());
        var knownAt = facts.knownAt("knownAt", request.knownAt());
        Publications.Publication published = publications.publish(report, knownAt, caller.actor());
        return Response.created(URI.create("/api/reports/publications/" + published.publicationId()))
                .entity(published)
                .build();
    }

    @GET
    public List<Publications.Publication> list(@QueryParam("type") String type) {
        return publications.list(type == null || type.isBlank() ? null : type.strip());
    }

    @GET
    @Path("{id}")
    public Publications.Publication get(@PathParam("id") String id) {
        return publications.get(uuid(id));
    }

    /** The shape of a published retention-series (for the document: a list names no schema of its own). */
    @Schema(name = "RetentionSeries", type = SchemaType.ARRAY, implementation = ReportQueries.Retention.class)
    interface RetentionSeries {}

    /** The shape of a published family-search-monthly. */
    @Schema(name = "FamilySearchMonthly", type = SchemaType.ARRAY, implementation = Reports.MonthCount.class)
    interface FamilySearchMonthly {}

    /** The published document, recomputed from the facts as known at the publication's knownAt: the same bytes. */
    @GET
    @Path("{id}/report")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "200",
            description = "The published report, of the publication's type (ETag: its SHA-256)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            oneOf = {
                                                ReportQueries.Retention.class,
                                                RetentionSeries.class,
                                                Reports.RetentionChange.class,
                                                Reports.FamilySearch.class,
                                                FamilySearchMonthly.class,
                                                Reports.Notices.class,
                                                Reports.Outreach.class,
                                                Reports.Flow.class,
                                                AtRiskReport.AtRiskWithPreviousYear.class,
                                                Reports.Resources.class,
                                                SocialParticipationReport.SocialParticipation.class,
                                                AnnualReportResource.Annual.class
                                            })))
    public Response report(@PathParam("id") String id) {
        Publications.Publication publication = publications.get(uuid(id));
        return Response.ok(publications.reproduce(publication), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", "\"" + publication.sha256() + "\"")
                .build();
    }

    /**
     * The dashboard's series for a period (as the dashboard asks for them) against their latest publication:
     * {@code changedSincePublication} and which figures, or null when never published.
     */
    @GET
    @Path("status")
    public List<Publications.SeriesStatus> status(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("stationId") String station) {
        List<ReportCatalog.Prepared> series = new ArrayList<>();
        for (String type : List.of("retention-series", "family-search", "family-search-monthly", "notices", "flow")) {
            series.add(catalog.prepare(type, parameters(from, to, station, null)));
        }
        for (ProgramKind kind : ProgramKind.values()) {
            series.add(catalog.prepare("outreach", parameters(from, to, station, kind.name())));
        }
        return publications.status(series);
    }

    private static Map<String, String> parameters(String from, String to, String station, String programKind) {
        Map<String, String> p = new TreeMap<>();
        p.put("from", from);
        p.put("to", to);
        p.put("stationId", station);
        p.put("programKind", programKind);
        return p;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw HomewardException.badInput("id", "must be a UUID");
        }
    }
}
