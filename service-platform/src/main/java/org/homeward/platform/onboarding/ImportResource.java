package org.homeward.platform.onboarding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/**
 * Spreadsheet imports: the sheets this service takes with their templates, a file submitted as a
 * job (a dry run first, then for real), and the job's progress and row-by-row report.
 */
@Path("/api/imports")
@RolesAllowed({Roles.STATION_STAFF, Roles.ADMIN})
public class ImportResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public record SheetInfo(
            String name,
            String title,
            String description,
            List<Column> columns,
            String csvTemplate,
            String xlsxTemplate) {}

    private final Importer importer;
    private final ImportJobs jobs;
    private final Caller caller;
    private final AuditLog audit;

    public ImportResource(Importer importer, ImportJobs jobs, Caller caller, AuditLog audit) {
        this.importer = importer;
        this.jobs = jobs;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @Path("sheets")
    public List<SheetInfo> sheets() {
        return importer.sheets().stream()
                .map(s -> new SheetInfo(
                        s.name(),
                        s.title(),
                        s.description(),
                        s.columns(),
                        "/api/imports/sheets/" + s.name() + "/template?format=csv",
                        "/api/imports/sheets/" + s.name() + "/template?format=xlsx"))
                .toList();
    }

    @GET
    @Path("sheets/{sheet}/template")
    @Produces({XLSX, "text/csv"})
    public Response template(
            @PathParam("sheet") String name, @QueryParam("format") @DefaultValue("xlsx") String format) {
        ImportSheet sheet = sheet(name);
        String file = URLEncoder.encode(sheet.title() + "-" + sheet.name(), StandardCharsets.UTF_8);
        return switch (format) {
            case "csv" ->
                Response.ok(Templates.csv(sheet), "text/csv;charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename*=UTF-8''" + file + ".csv")
                        .build();
            case "xlsx" ->
                Response.ok(Templates.xlsx(sheet), XLSX)
                        .header("Content-Disposition", "attachment; filename*=UTF-8''" + file + ".xlsx")
                        .build();
            default -> throw HomewardException.badInput("format", "must be csv or xlsx");
        };
    }

    /**
     * Submits a file (the body: .xlsx or .csv in UTF-8 or GBK) to import into {@code sheet}. Answers
     * 202 with the job; follow it at its Location. {@code map=列名:field} names the field of a column the
     * template calls otherwise ({@code map=列名:-} leaves it out); {@code worksheet} picks a workbook's sheet.
     */
    @POST
    @Path("{sheet}")
    @Consumes(MediaType.WILDCARD)
    @APIResponse(
            responseCode = "202",
            description = "The import job, queued (Location: the job; follow it until its state is final)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJobs.Job.class)))
    public Response submit(
            @PathParam("sheet") String name,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("worksheet") String worksheet,
            @QueryParam("map") List<String> map,
            @HeaderParam("X-File-Name") String fileName,
            InputStream body) {
        ImportSheet sheet = sheet(name);
        Map<String, String> columnMap = columnMap(sheet, map);
        java.nio.file.Path upload;
        try {
            upload = Files.createTempFile("homeward-import", ".upload");
            long size = Files.copy(body, upload, StandardCopyOption.REPLACE_EXISTING);
            if (size == 0) {
                Files.delete(upload);
                throw HomewardException.badInput("body", "is empty: send the .xlsx or .csv file as the request body");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String scope = caller.stationId();
        UUID jobId = importer.submit(
                sheet,
                upload,
                fileName == null || fileName.isBlank() ? null : fileName.strip(),
                worksheet == null || worksheet.isBlank() ? null : worksheet.strip(),
                columnMap,
                dryRun,
                caller.metadata(),
                scope);
        audit.record(caller, dryRun ? "IMPORT_DRY_RUN" : "IMPORT", sheet.name() + " " + jobId);
        return Response.accepted(jobs.find(jobId).orElseThrow())
                .location(URI.create("/api/imports/" + jobId))
                .build();
    }

    @GET
    @Path("{jobId}")
    public ImportJobs.Job job(@PathParam("jobId") UUID jobId) {
        ImportJobs.Job job = jobs.find(jobId).orElseThrow(() -> HomewardException.notFound("Import job", jobId));
        String own = caller.stationId(); // its report names people: a station's user sees its own station's jobs only
        if (own != null && !own.equals(job.stationScope())) {
            throw new HomewardException(
                    403,
                    "Forbidden",
                    "A user of station " + own + " sees only that station's imports",
                    List.of(new FieldError("jobId", "is not an import of the caller's station")));
        }
        return job;
    }

    @GET
    public List<ImportJobs.Job> recent(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return jobs.recent(caller.stationId(), limit, offset);
    }

    private ImportSheet sheet(String name) {
        return importer.sheet(name)
                .orElseThrow(() -> new HomewardException(
                        404,
                        "Not found",
                        "No sheet " + name + "; this service imports "
                                + importer.sheets().stream()
                                        .map(ImportSheet::name)
                                        .toList(),
                        List.of(new FieldError("sheet", "is not a sheet of this service"))));
    }

    private static Map<String, String> columnMap(ImportSheet sheet, List<String> map) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String entry : map == null ? List.<String>of() : map) {
            int at = entry.lastIndexOf(':');
            if (at <= 0 || at == entry.length() - 1) {
                throw HomewardException.badInput(
                        "map", "must read <column in the file>:<field> or <column>:-, not " + entry);
            }
            String field = entry.substring(at + 1).strip();
            if (!field.equals("-")
                    && sheet.columns().stream().noneMatch(c -> c.field().equals(field))) {
                throw HomewardException.badInput(
                        "map",
                        field + " is not a field of the sheet " + sheet.name() + "; its fields are "
                                + sheet.columns().stream().map(Column::field).toList());
            }
            columns.put(entry.substring(0, at).strip(), field);
        }
        return columns;
    }
}
