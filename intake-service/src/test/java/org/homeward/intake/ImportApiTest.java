package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hamcrest.Matchers;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station moves in: its admission register (shipped under test resources, in Chinese, as UTF-8 CSV,
 * GBK CSV and .xlsx, and a copy with deliberate errors) is checked by a dry run, imported, and
 * imported again with no change; the stays are those of the sheet, with its dates.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class ImportApiTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_register_is_checked_imported_and_reimported_without_change() throws Exception {
        for (String station : List.of("dg-import", "dg-import-2")) {
            given().contentType(ContentType.JSON)
                    .body("{\"stationId\":\"" + station + "\",\"name\":\"东莞市救助管理站\"}")
                    .post("/api/stations");
        }
        given().contentType(ContentType.JSON)
                .body("{\"institutionId\":\"dg-welfare\",\"name\":\"东莞市社会福利院\",\"kind\":\"WELFARE\"}")
                .post("/api/stations/dg-import/institutions");

        // the copy with errors: every bad row named, with its column and value; nothing stored
        JsonPath rejected = run("admissions", "register-with-errors.csv", "text/csv", true);
        assertThat(rejected.getString("state")).isEqualTo("REJECTED");
        assertThat(rejected.getLong("rowsRejected")).isEqualTo(7);
        assertThat(problem(rejected, 10, "入站时间")).contains("not a date");
        assertThat(problem(rejected, 11, "离站时间")).contains("cannot precede the admission");
        assertThat(problem(rejected, 12, "离站方式")).contains("must be one of");
        assertThat(problem(rejected, 13, "性别")).contains("is required");
        assertThat(problem(rejected, 14, null)).contains("already has an open stay");
        assertThat(problem(rejected, 15, "站点")).contains("Unknown station");
        assertThat(problem(rejected, 16, "登记编号")).contains("appears twice in this file (first in row 3)");
        assertThat(staysAt("dg-import")).isZero();

        // the good register, as GBK: a dry run validates every row and stores nothing
        JsonPath dry = run("admissions", "register-gbk.csv", "text/csv", true);
        assertThat(dry.getString("state")).isEqualTo("VALIDATED");
        assertThat(dry.getString("format")).isEqualTo("csv (GBK)");
        assertThat(dry.getLong("rowsImported")).isEqualTo(8);
        assertThat(dry.getLong("rowsTotal")).isEqualTo(8);
        assertThat(staysAt("dg-import")).isZero();

        // for real, from the .xlsx (template headers, a real date cell)
        JsonPath done = run("admissions", "register.xlsx", XLSX, false);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getLong("rowsImported")).isEqualTo(8);
        assertThat(done.getInt("percentDone")).isEqualTo(100);
        assertThat(staysAt("dg-import")).isEqualTo(8);
        given().queryParam("stationId", "dg-import")
                .get("/api/stays")
                .then()
                .statusCode(200)
                .body("size()", equalTo(2)); // DG17-001 and the returning client's DG18-004 are still in the station

        // what the events say: the sheet's business time, the importing user, the job as correlation id
        String job = done.getString("jobId");
        assertThat(query(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.PersonAdmitted'",
                        job))
                .isEqualTo(8);
        assertThat(query(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.PersonDischarged'",
                        job))
                .isEqualTo(6);
        assertThat(query(
                        "SELECT count(DISTINCT actor->>'subject') FROM event_store WHERE correlation_id = ?::uuid",
                        job))
                .isEqualTo(1);
        assertThat(query(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.PersonAdmitted' "
                                + "AND occurred_at = '2017-03-01T00:00:00+08:00'",
                        job))
                .isEqualTo(1);
        assertThat(query(
                        "SELECT count(DISTINCT stream_id) FROM event_store WHERE correlation_id = ?::uuid "
                                + "AND stream_type = 'person'",
                        job))
                .isEqualTo(7); // P003 came twice

        // the same register again, as UTF-8 CSV: nothing changes
        JsonPath again = run("admissions", "register.csv", "text/csv", false);
        assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(again.getLong("rowsImported")).isZero();
        assertThat(again.getLong("rowsUnchanged")).isEqualTo(8);
        assertThat(staysAt("dg-import")).isEqualTo(8);

        // fragments refer to the register's rows; one that names no imported row stops the file
        String bad = resource("fragments.csv") + "XS-003,DG17-999,昵称,小芳,工作人员,,2017-03-05\n";
        JsonPath badFragments = run("fragments", bad.getBytes(StandardCharsets.UTF_8), "text/csv", false);
        assertThat(badFragments.getString("state")).isEqualTo("REJECTED");
        assertThat(problem(badFragments, 4, "入站登记编号")).contains("import it first");
        JsonPath fragments = run("fragments", "fragments.csv", "text/csv", false);
        assertThat(fragments.getLong("rowsImported")).isEqualTo(2);
        assertThat(query(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid "
                                + "AND event_type = 'intake.IdentityFragmentRecorded'",
                        fragments.getString("jobId")))
                .isEqualTo(2);
    }

    @Test
    void templates_name_every_column_in_chinese_with_the_field_beside() {
        given().get("/api/imports/sheets")
                .then()
                .statusCode(200)
                .body("name", hasItem("admissions"))
                .body("find { it.name == 'admissions' }.title", equalTo("入站登记"));
        String csv = given().queryParam("format", "csv")
                .get("/api/imports/sheets/admissions/template")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("\uFEFF登记编号(sourceKey),人员编号(personKey),站点(stationId)");
        byte[] xlsx = given().get("/api/imports/sheets/admissions/template")
                .then()
                .statusCode(200)
                .contentType(XLSX)
                .extract()
                .asByteArray();
        assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }

    @Test
    void what_is_not_a_register_is_refused_and_changes_nothing() {
        JsonPath notASheet =
                run("admissions", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1}, "image/png", false);
        assertThat(notASheet.getString("state")).isEqualTo("REJECTED");
        assertThat(notASheet.getString("problems[0].problem")).contains("not a spreadsheet");

        JsonPath unknownColumn = run(
                "admissions",
                "登记编号,站点,性别,身份已核实,来站方式,入站时间,鞋码\nX-1,dg-import,男,否,公安护送,2018-01-01,42\n"
                        .getBytes(StandardCharsets.UTF_8),
                "text/csv",
                false);
        assertThat(unknownColumn.getString("state")).isEqualTo("REJECTED");
        assertThat(problem(unknownColumn, 1, "鞋码")).contains("map=鞋码:-");
        JsonPath mapped = given().queryParam("map", "鞋码:-")
                .queryParam("dryRun", true)
                .contentType("text/csv")
                .body("登记编号,站点,性别,身份已核实,来站方式,入站时间,鞋码\nX-1,dg-import-map,男,否,公安护送,2018-01-01,42\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/admissions")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        JsonPath mappedDone = finished(mapped.getString("jobId"));
        assertThat(problem(mappedDone, 2, "站点")).contains("Unknown station"); // the column is left out, the row read

        given().contentType("text/csv")
                .body("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/nosuchsheet")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("sheet"));
        given().queryParam("map", "鞋码:shoeSize")
                .contentType("text/csv")
                .body("a\n1\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/admissions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("map"));
        given().contentType("text/csv")
                .body(new byte[0])
                .post("/api/imports/admissions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().header("Authorization", "Bearer " + Tokens.forTests().token("SEARCH_TEAM"))
                .contentType("text/csv")
                .body("a\n1\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/admissions")
                .then()
                .statusCode(403);
    }

    @Test
    void a_user_bound_to_a_station_imports_that_station_only() throws IOException {
        String staffElsewhere = "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", "some-other-station");
        String jobId = given().header("Authorization", staffElsewhere)
                .queryParam("dryRun", true)
                .contentType("text/csv")
                .body(bytes("register.csv"))
                .post("/api/imports/admissions")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !List.of("QUEUED", "RUNNING")
                        .contains(given().header("Authorization", staffElsewhere)
                                .get("/api/imports/" + jobId)
                                .then()
                                .extract()
                                .path("state")));
        JsonPath job = given().header("Authorization", staffElsewhere)
                .get("/api/imports/" + jobId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(job.getString("state")).isEqualTo("REJECTED");
        assertThat(problem(job, 2, "站点")).contains("is not the importing user's station");
        given().header("Authorization", "Bearer " + Tokens.forTests().tokenAtStation("STATION_STAFF", "dg-import"))
                .get("/api/imports/" + jobId)
                .then()
                .statusCode(403);
    }

    private static String problem(JsonPath job, long row, String column) {
        List<Map<String, Object>> problems = job.getList("problems");
        return problems.stream()
                .filter(p -> ((Number) p.get("row")).longValue() == row && Objects.equals(p.get("column"), column))
                .map(p -> String.valueOf(p.get("problem")))
                .findFirst()
                .orElse("no problem at row " + row + ", column " + column + " in " + problems);
    }

    private JsonPath run(String sheet, String resource, String contentType, boolean dryRun) throws IOException {
        return run(sheet, bytes(resource), contentType, dryRun);
    }

    private JsonPath run(String sheet, byte[] body, String contentType, boolean dryRun) {
        String jobId = given().queryParam("dryRun", dryRun)
                .contentType(contentType)
                .header("X-File-Name", "register")
                .body(body)
                .post("/api/imports/" + sheet)
                .then()
                .statusCode(202)
                .header("Location", Matchers.containsString("/api/imports/"))
                .extract()
                .path("jobId");
        return finished(jobId);
    }

    private JsonPath finished(String jobId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !List.of("QUEUED", "RUNNING")
                        .contains(given().get("/api/imports/" + jobId)
                                .then()
                                .extract()
                                .<String>path("state")));
        return given().get("/api/imports/" + jobId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ImportApiTest.class.getResourceAsStream("/onboarding/" + resource)) {
            return in.readAllBytes();
        }
    }

    private static String resource(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private long staysAt(String station) throws SQLException {
        return query("SELECT count(*) FROM stay_view WHERE station_id = ?", station);
    }

    private long query(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
