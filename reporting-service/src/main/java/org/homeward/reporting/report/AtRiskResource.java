package org.homeward.reporting.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.export.RowStream;
import org.homeward.platform.export.RowStreamCsvWriter;
import org.homeward.platform.export.SpreadsheetWriter;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/** The people at risk (重点人员) in the station as of a date, and the stays behind each figure. */
@Path("/api/reports/at-risk")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class AtRiskResource {
    private final FactSchemas facts;
    private final AtRiskReport report;
    private final AuditLog audit;
    private final Caller caller;

    public AtRiskResource(FactSchemas facts, AtRiskReport report, AuditLog audit, Caller caller) {
        this.facts = facts;
        this.report = report;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    public AtRiskReport.AtRiskWithPreviousYear atRisk(@BeanParam ReportDayParams query) {
        KnownAt known = query.knownAt(facts);
        LocalDate day = query.day();
        return facts.inLive(known, c -> report.report(c, day, query.station()));
    }

    /** Health data by person: care staff and admin only, audited. */
    @GET
    @Path("members")
    @RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description =
                    "The stays behind the figure, with their flags (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = AtRiskReport.Member.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<AtRiskReport.Member> members(
            @BeanParam ReportDayParams query, @QueryParam("figure") String figure) {
        KnownAt known = query.knownAt(facts);
        LocalDate day = query.day();
        String which = figure == null ? "" : figure;
        AtRiskReport.requireFigure(which);
        audit.record(caller, "DRILL_DOWN", query.target("at-risk/" + figure));
        return RowStream.of(
                AtRiskReport.Member.class,
                each -> facts.inLive(known, c -> {
                    report.members(c, day, which, query.station(), each);
                    return null;
                }));
    }
}
