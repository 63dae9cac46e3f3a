package org.homeward.reporting.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
import org.homeward.platform.web.Period;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/** Social participation (社会参与) figures for a period, per station, and the ledger behind them. */
@Path("/api/reports/social-participation")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class SocialParticipationResource {
    private final FactSchemas facts;
    private final SocialParticipationReport report;
    private final AuditLog audit;
    private final Caller caller;

    public SocialParticipationResource(
            FactSchemas facts, SocialParticipationReport report, AuditLog audit, Caller caller) {
        this.facts = facts;
        this.report = report;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    public SocialParticipationReport.SocialParticipation figures(@BeanParam ReportPeriodParams query) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        return facts.inLive(known, c -> report.of(c, period.from(), period.to(), query.station()));
    }

    /** The ledger lines of supplies and funds behind the support figures (drill-down, staff only). */
    @GET
    @Path("support")
    @RolesAllowed({Roles.STATION_STAFF, Roles.OUTREACH_WORKER, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, SpreadsheetWriter.XLSX, RowStreamCsvWriter.CSV
    }) // a table: JSON, .xlsx or CSV by Accept
    @APIResponse(
            responseCode = "200",
            description =
                    "The ledger lines behind the support figures (JSON, or .xlsx / CSV with Chinese headers by Accept; streamed)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = SocialParticipationReport.SupportLine.class)),
                @Content(mediaType = SpreadsheetWriter.XLSX),
                @Content(mediaType = RowStreamCsvWriter.CSV)
            })
    public RowStream<SocialParticipationReport.SupportLine> support(
            @BeanParam ReportPeriodParams query, @QueryParam("partnerId") String partnerId) {
        KnownAt known = query.knownAt(facts);
        Period period = query.period();
        String partner = ReportPeriodParams.given(partnerId);
        audit.record(caller, "DRILL_DOWN", query.target("social-participation/support"));
        return RowStream.of(
                SocialParticipationReport.SupportLine.class,
                each -> facts.inLive(known, c -> {
                    report.supportLines(c, period.from(), period.to(), query.station(), partner, each);
                    return null;
                }));
    }
}
