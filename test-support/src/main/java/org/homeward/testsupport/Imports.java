package org.homeward.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A test's side of the spreadsheet import API (/api/imports of the service under test): submit a
 * file, wait for its job to finish, read the problem reported for a row and column.
 */
public final class Imports {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Imports() {}

    /** Submits {@code body} to {@code sheet} and answers the finished job. */
    public static JsonPath run(String sheet, byte[] body, String contentType, boolean dryRun) {
        String jobId = given().queryParam("dryRun", dryRun)
                .contentType(contentType)
                .header("X-File-Name", sheet)
                .body(body)
                .post("/api/imports/" + sheet)
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        return finished(jobId);
    }

    /** A file under the test resources' onboarding/ directory, as {@code sheet}. */
    public static JsonPath run(String sheet, String resource, boolean dryRun) {
        String type = resource.endsWith(".xlsx") ? XLSX : "text/csv";
        return run(sheet, bytes(resource), type, dryRun);
    }

    public static JsonPath finished(String jobId) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (List.of("QUEUED", "RUNNING")
                .contains(given().get("/api/imports/" + jobId).then().extract().<String>path("state"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("import job " + jobId + " did not finish");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return given().get("/api/imports/" + jobId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The problem reported for {@code row} and {@code column} (null: the row as a whole), or a text saying there is none. */
    public static String problem(JsonPath job, long row, String column) {
        List<Map<String, Object>> problems = job.getList("problems");
        return problems.stream()
                .filter(p -> ((Number) p.get("row")).longValue() == row && Objects.equals(p.get("column"), column))
                .map(p -> p.get("value") + ": " + p.get("problem"))
                .findFirst()
                .orElse("no problem at row " + row + ", column " + column + " in " + problems);
    }

    public static byte[] bytes(String resource) {
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("onboarding/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource onboarding/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
