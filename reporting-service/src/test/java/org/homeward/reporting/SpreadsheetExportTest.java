package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report tables as .xlsx (Accept): Chinese headers, the same numbers as the JSON; an empty table is a valid empty sheet. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class SpreadsheetExportTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_report_table_as_a_sheet_holds_the_same_numbers_as_the_json() throws IOException {
        String path = "/api/reports/retention-series?from=2018-01-01&to=2019-01-01";
        List<Map<String, Object>> json = given().get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .extract()
                .jsonPath()
                .getList("$");
        byte[] xlsx = given().accept(XLSX)
                .get(path)
                .then()
                .statusCode(200)
                .contentType(XLSX)
                .extract()
                .asByteArray();
        List<Row> rows = rows(xlsx);
        assertThat(rows.get(0).getCellText(0)).isEqualTo("日期");
        assertThat(rows.get(0).getCellText(1)).isEqualTo("在站人数");
        assertThat(rows.get(0).getCellText(2)).isEqualTo("滞留10天以上");
        assertThat(rows).hasSize(json.size() + 1);
        for (int i = 0; i < json.size(); i++) {
            assertThat(rows.get(i + 1).getCellText(0)).isEqualTo(json.get(i).get("asOf"));
            assertThat(rows.get(i + 1).getCellAsNumber(1).orElseThrow().longValue())
                    .isEqualTo(((Number) json.get(i).get("inStation")).longValue());
            assertThat(rows.get(i + 1).getCellAsNumber(2).orElseThrow().longValue())
                    .isEqualTo(((Number) json.get(i).get("retained10Days")).longValue());
        }
    }

    @Test
    void an_empty_drill_down_is_a_valid_sheet_with_its_header_and_an_unknown_type_is_406() throws IOException {
        byte[] xlsx = given().accept(XLSX)
                .get("/api/reports/flow/members?from=2018-01-01&to=2019-01-01&figure=admissions"
                        + "&stationId=no-such-station")
                .then()
                .statusCode(200)
                .contentType(XLSX)
                .extract()
                .asByteArray();
        List<Row> rows = rows(xlsx);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getCellText(0)).isEqualTo("受助编号");
        given().accept("image/png")
                .get("/api/reports/retention-series?from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(406)
                .contentType(startsWith("application/problem+json"));
    }

    private static List<Row> rows(byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }
}
