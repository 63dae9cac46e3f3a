package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.homeward.platform.sourcing.Sql;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An oversize drill-down (50,000 stays) answered as JSON, .xlsx and CSV: each streamed from a database
 * cursor, the sheet opens with Apache POI with one row per stay in the JSON's order, the CSV likewise,
 * and the flow figure counts the same 50,000. The heap's peak while the three are fetched is printed
 * (it includes this test's own copies of the answers); nothing is timed.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class ExportStreamingTest {
    static final int STAYS = 50_000;
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    FactSchemas facts;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void fifty_thousand_stays_stream_as_json_xlsx_and_csv_with_the_same_rows() throws Exception {
        // 1990, a station of its own, each stay a day long: no other test's period or station sees them
        String station = "bulk-" + UUID.randomUUID().toString().substring(0, 6);
        facts.inLive(c -> Sql.update(
                c,
                "INSERT INTO stay (stay_id, person_id, station_id, admitted_at, discharged_at, "
                        + "recorded_at, arrival_channel, exit_type) SELECT gen_random_uuid(), gen_random_uuid(), ?, "
                        + "timestamptz '1990-01-01 00:00+08' + i * interval '5 minutes', "
                        + "timestamptz '1990-01-02 00:00+08' + i * interval '5 minutes', now(), 'POLICE', 'FAMILY_PICKUP' "
                        + "FROM generate_series(1, ?) i",
                station,
                STAYS));
        try {
            String path =
                    "/api/reports/flow/members?from=1990-01-01&to=1991-01-01&figure=admissions&stationId=" + station;
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long before = runtime.totalMemory() - runtime.freeMemory();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long started = System.nanoTime();
            List<String> json = given().accept("application/json")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("stayId");
            byte[] xlsx = given().accept(XLSX)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .header("Content-Disposition", Matchers.containsString(".xlsx"))
                    .extract()
                    .asByteArray();
            byte[] csv = given().accept("text/csv")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(Matchers.startsWith("text/csv"))
                    .extract()
                    .asByteArray();
            long millis = (System.nanoTime() - started) / 1_000_000;
            sampling.set(false);
            sampler.join();
            System.out.printf(
                    "export of %,d stays: JSON %,d rows, .xlsx %,d bytes, CSV %,d bytes in %,d ms; "
                            + "heap before %,d MB, peak while fetching %,d MB (max %,d MB)%n",
                    STAYS,
                    json.size(),
                    xlsx.length,
                    csv.length,
                    millis,
                    before >> 20,
                    peak.get() >> 20,
                    runtime.maxMemory() >> 20);

            assertThat(json).hasSize(STAYS).doesNotHaveDuplicates();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet sheet = workbook.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).isEqualTo(STAYS); // the header, then one row per stay
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("受助编号");
                for (int r = 1; r <= STAYS; r++) {
                    Row row = sheet.getRow(r);
                    assertThat(row.getCell(0).getStringCellValue())
                            .as("row %d", r)
                            .isEqualTo(json.get(r - 1));
                    assertThat(row.getCell(2).getStringCellValue()).isEqualTo(station);
                }
            }
            String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
            assertThat(lines).hasSize(STAYS + 1);
            assertThat(lines[0]).startsWith("\uFEFF受助编号,");
            for (int r = 1; r <= STAYS; r++) {
                assertThat(lines[r]).as("line %d", r).startsWith(json.get(r - 1) + ",");
            }
            assertThat(given().get("/api/reports/flow?from=1990-01-01&to=1991-01-01&stationId=" + station)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getLong("admissions"))
                    .isEqualTo(STAYS);
        } finally {
            facts.inLive(c -> Sql.update(c, "DELETE FROM stay WHERE station_id = ?", station));
        }
    }

    @Test
    void a_refused_drill_down_is_a_problem_before_any_row() {
        given().accept(XLSX)
                .get("/api/reports/flow/members?from=2018-01-01&to=2019-01-01&figure=nonsense")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().accept(XLSX)
                .get("/api/reports/retention/members?asOf=2018-01-01&figure=nonsense")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().accept("text/csv")
                .get("/api/reports/at-risk/members?asOf=2018-01-01&figure=nonsense")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
