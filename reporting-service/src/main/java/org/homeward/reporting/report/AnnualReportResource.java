package org.homeward.reporting.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.search.LeadChannel;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.Roles;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/**
 * The year's report, as figures (JSON) and as the readable Chinese text in the shape of the 2018
 * Dongguan report: retention, family search by channel, notices, outreach, social forces; the text as
 * a page (HTML) or as a Word document (.docx) a bureau can file.
 */
@Path("/api/reports/annual")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.OUTREACH_WORKER, Roles.ADMIN})
public class AnnualReportResource {

    public record PartnerTeam(String partnerId, String name, Reports.Outreach outreach) {}

    public record Annual(
            int year,
            String stationId,
            String stationName,
            Reports.RetentionChange retention,
            Reports.FamilySearch familySearch,
            Reports.Notices noticesSecondHalf,
            Reports.Outreach socialWorkSecondHalf,
            Reports.Outreach hospitalPostFourthQuarter,
            List<PartnerTeam> partnerTeams,
            Reports.Resources resources,
            Reports.RetentionChange previousYearRetention,
            Reports.Flow flow,
            SocialParticipationReport.SocialParticipation socialParticipation) {}

    private final FactSchemas facts;
    private final Reports reports;
    private final SocialParticipationReport socialParticipation;
    private final ReportQueries queries;

    public AnnualReportResource(
            FactSchemas facts, Reports reports, SocialParticipationReport socialParticipation, ReportQueries queries) {
        this.facts = facts;
        this.queries = queries;
        this.reports = reports;
        this.socialParticipation = socialParticipation;
    }

    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** The page: laid out by templates/AnnualReportResource/report.html, checked against these types at build time. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(AnnualReportText.Document report, String style);
    }

    /**
     * JSON unless the client names HTML or the Word document before anything else it accepts (a browser
     * names HTML): a client that sends no Accept, or {@code *}{@code /*}, gets the figures, not a page.
     * A type none of these answers is a 406 problem.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML + ";charset=UTF-8", DOCX})
    @APIResponse(
            responseCode = "200",
            description = "The year's figures (JSON), the printable page (HTML) or the Word document, by Accept",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Annual.class)),
                @Content(
                        mediaType = MediaType.TEXT_HTML + ";charset=UTF-8",
                        schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = DOCX, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    public Response get(
            @QueryParam("year") String year,
            @QueryParam("stationId") String station,
            @QueryParam("knownAt") String knownAt,
            @Context HttpHeaders headers) {
        Annual annual = json(year, station, knownAt);
        return switch (representation(headers.getAcceptableMediaTypes())) {
            case HTML ->
                Response.ok(
                                Templates.report(AnnualReportText.document(annual), AnnualReportText.STYLE)
                                        .render(),
                                MediaType.TEXT_HTML + ";charset=UTF-8")
                        .header("Content-Security-Policy", AnnualReportText.POLICY)
                        .build();
            case DOCX -> {
                AnnualReportText.Document document = AnnualReportText.document(annual);
                StreamingOutput body = out -> AnnualReportDocx.write(document, out);
                yield Response.ok(body, DOCX)
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"annual-report-"
                                        + annual.year()
                                        + (station == null || station.isBlank()
                                                ? ""
                                                : "-" + station.replaceAll("[^A-Za-z0-9_-]", ""))
                                        + ".docx\"")
                        .build();
            }
            case JSON -> Response.ok(annual, MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    enum Representation {
        JSON,
        HTML,
        DOCX
    }

    /** The acceptable types come sorted by preference; the first that names one of ours exactly decides. */
    static Representation representation(List<MediaType> acceptable) {
        MediaType docx = MediaType.valueOf(DOCX);
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)
                    || type.isCompatible(MediaType.APPLICATION_XHTML_XML_TYPE)) {
                return Representation.HTML;
            }
            if (type.isCompatible(docx)) {
                return Representation.DOCX;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Representation.JSON;
            }
        }
        return Representation.JSON;
    }

    Annual json(String year, String station, String knownAt) {
        KnownAt known = facts.knownAt("knownAt", knownAt);
        int y = year(year);
        return facts.inLive(known, c -> annual(c, y, station));
    }

    Annual annual(Connection c, int y, String station) throws SQLException {
        LocalDate jan1 = LocalDate.of(y, 1, 1);
        LocalDate jul1 = LocalDate.of(y, 7, 1);
        LocalDate oct1 = LocalDate.of(y, 10, 1);
        LocalDate next = jan1.plusYears(1);
        List<PartnerTeam> teams = new ArrayList<>();
        for (ReportQueries.PartnerTeam team : queries.partnerTeams(c, station)) {
            teams.add(new PartnerTeam(
                    team.partnerId(),
                    team.name(),
                    reports.outreach(c, jan1, next, ProgramKind.PARTNER_TEAM, team.partnerId(), null, station)));
        }
        String name = station == null ? null : queries.stationName(c, station).orElse(null);
        return new Annual(
                y,
                station,
                name,
                reports.retentionChange(c, jan1, next, station),
                reports.familySearch(c, jan1, next, station),
                reports.notices(c, jul1, next, station),
                reports.outreach(c, jul1, next, ProgramKind.SOCIAL_WORK_PROJECT, null, null, station),
                reports.outreach(c, oct1, next, ProgramKind.HOSPITAL_POST, null, null, station),
                teams,
                reports.resources(c, station),
                reports.retentionChange(c, jan1.minusYears(1), jan1, station),
                reports.flow(c, jan1, next, station),
                socialParticipation.of(c, jan1, next, station));
    }

    static int year(String year) {
        if (year == null || !year.strip().matches("\\d{4}")) {
            throw HomewardException.badInput("year", "must be a year, e.g. 2018");
        }
        int y = Integer.parseInt(year.strip());
        if (y < 2000 || y > 2100) {
            throw HomewardException.badInput("year", "must be between 2000 and 2100");
        }
        return y;
    }

    static long count(List<? extends Reports.Share> shares, String key) {
        return shares.stream()
                .filter(s -> s.key().equals(key))
                .mapToLong(Reports.Share::count)
                .sum();
    }

    static BigDecimal share(List<? extends Reports.Share> shares, String key) {
        for (Reports.Share s : shares) {
            if (s.key().equals(key)) {
                return s.sharePercent(); // null over a zero total
            }
        }
        return null;
    }

    static long channel(Reports.FamilySearch fs, LeadChannel ch) {
        return count(fs.byChannel(), ch.name());
    }
}
