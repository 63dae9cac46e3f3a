package org.homeward.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./homeward import FILE --sheet NAME [--dry-run] [--map 列名:field]... [--worksheet NAME]}:
 * finds the service that imports the sheet (the first argument lists the services' base URLs, comma-separated;
 * each is asked for its sheets), submits a spreadsheet to its import API, draws a progress bar while the job runs, then
 * prints its counts and the first problems. Exits 0 when the file was imported (or validated), 1 if not.
 */
public final class ImportCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        String token = args[1];
        Path file = null;
        String sheet = null;
        boolean dryRun = false;
        String worksheet = null;
        List<String> maps = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--sheet" -> sheet = value(args, ++i);
                case "--dry-run" -> dryRun = true;
                case "--map" -> maps.add(value(args, ++i));
                case "--worksheet" -> worksheet = value(args, ++i);
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        usage();
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null || sheet == null) {
            usage();
        }
        if (!Files.isRegularFile(file)) {
            fail("No such file: " + file);
        }
        HttpClient http = HttpClient.newHttpClient();
        String base = owner(http, args[0].split(","), token, sheet);
        StringBuilder query = new StringBuilder("?dryRun=").append(dryRun);
        for (String m : maps) {
            query.append("&map=").append(URLEncoder.encode(m, StandardCharsets.UTF_8));
        }
        if (worksheet != null) {
            query.append("&worksheet=").append(URLEncoder.encode(worksheet, StandardCharsets.UTF_8));
        }
        String name = file.getFileName().toString();
        String type = name.toLowerCase().endsWith(".xlsx")
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : name.toLowerCase().endsWith(".csv") ? "text/csv" : "application/octet-stream";
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create(
                                base + "/api/imports/" + URLEncoder.encode(sheet, StandardCharsets.UTF_8) + query))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .header("X-File-Name", URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            fail("The service refused the file (" + submitted.statusCode() + "): " + submitted.body());
        }
        String jobId = JSON.readTree(submitted.body()).get("jobId").asText();
        System.out.println((dryRun ? "Dry run " : "Import ") + jobId + " of " + name + " as " + sheet);
        JsonNode job;
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/imports/" + jobId))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            job = JSON.readTree(r.body());
            String state = job.path("state").asText();
            bar(job);
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                break;
            }
            Thread.sleep(300);
        }
        System.out.println();
        boolean stored = job.path("state").asText().equals("SUCCEEDED");
        System.out.printf(
                "%s: %d read, %d %s, %d already imported before, %d with problems. %s%n",
                job.path("state").asText(),
                job.path("rowsRead").asLong(),
                job.path("rowsImported").asLong(),
                stored ? "imported" : "good (not stored)",
                job.path("rowsUnchanged").asLong(),
                job.path("rowsRejected").asLong(),
                job.path("detail").asText());
        int shown = 0;
        for (JsonNode p : job.path("problems")) {
            if (shown++ == 30) {
                System.out.println("  ... " + (job.path("problemCount").asLong() - 30) + " more: GET " + base
                        + "/api/imports/" + jobId);
                break;
            }
            System.out.printf(
                    "  row %d%s%s: %s%n",
                    p.path("row").asLong(),
                    p.path("column").isNull() ? "" : ", " + p.path("column").asText(),
                    p.path("value").isNull() ? "" : " (" + p.path("value").asText() + ")",
                    p.path("problem").asText());
        }
        String state = job.path("state").asText();
        System.exit(state.equals("SUCCEEDED") || state.equals("VALIDATED") ? 0 : 1);
    }

    /**
     * The service that imports {@code sheet}: the one of {@code bases} whose GET /api/imports/sheets
     * lists it (a service that does not answer is skipped, and named if no other has the sheet).
     */
    static String owner(HttpClient http, String[] bases, String token, String sheet) throws InterruptedException {
        List<String> known = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (String base : bases) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/imports/sheets"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    silent.add(base + " (" + r.statusCode() + ")");
                    continue;
                }
                for (JsonNode s : JSON.readTree(r.body())) {
                    if (s.path("name").asText().equals(sheet)) {
                        return base;
                    }
                    known.add(s.path("name").asText());
                }
            } catch (IOException e) {
                silent.add(base + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        fail("No service imports the sheet " + sheet + "; the sheets are " + known
                + (silent.isEmpty() ? "" : "; not answering: " + silent));
        return null;
    }

    private static void bar(JsonNode job) {
        long total = job.path("rowsTotal").asLong(0);
        long read = job.path("rowsRead").asLong();
        int percent =
                job.path("percentDone").isNumber() ? job.path("percentDone").asInt() : 0;
        int filled = percent * 40 / 100;
        System.out.print("\r[" + "#".repeat(filled) + " ".repeat(40 - filled) + "] " + percent + "%  " + read
                + (total > 0 ? " / " + total : "") + " rows  "
                + job.path("state").asText() + "   ");
        System.out.flush();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage();
        }
        return args[i];
    }

    private static void usage() {
        fail("usage: ./homeward import FILE --sheet NAME [--dry-run] [--map 列名:field]... [--worksheet NAME] "
                + "(sheets: GET /api/imports/sheets)");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private ImportCommand() {}
}
