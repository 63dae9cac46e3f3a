package org.homeward.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Imports;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station's outreach history moves in: its activity log (救助活动: programmes and their outings) and
 * its street-rescue register (街面个案: one row per contact), from the Chinese samples under test
 * resources (GBK and UTF-8 CSV, .xlsx, a copy with deliberate errors). Each is checked by a dry run,
 * imported, imported again with no change, and seen in the programmes' figures.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_outreach_test"))
class OutreachImportTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void programmes_and_street_cases_are_checked_imported_and_reimported_without_change() throws Exception {
        Registries.station(dataSource, "dg-outreach");
        long before = TestDatabases.eventCount(dataSource);

        // programmes: a dry run of the GBK log stores nothing; the .xlsx for real; the UTF-8 copy again changes nothing
        JsonPath dry = Imports.run("outreach-programmes", "programmes-gbk.csv", true);
        assertThat(dry.getString("state")).as(dry.prettify()).isEqualTo("VALIDATED");
        assertThat(dry.getString("format")).isEqualTo("csv (GBK)");
        assertThat(dry.getLong("rowsImported")).isEqualTo(4);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
        JsonPath programmes = Imports.run("outreach-programmes", "programmes.xlsx", false);
        assertThat(programmes.getString("state")).as(programmes.prettify()).isEqualTo("SUCCEEDED");
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid",
                        programmes.getString("jobId")))
                .isEqualTo(5);
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'outreach.PatrolConducted' "
                                + "AND occurred_at = '2018-01-19T20:00:00+08:00'",
                        programmes.getString("jobId")))
                .isEqualTo(1);
        JsonPath programmesAgain = Imports.run("outreach-programmes", "programmes.csv", false);
        assertThat(programmesAgain.getLong("rowsUnchanged")).isEqualTo(4);
        assertThat(programmesAgain.getLong("rowsImported")).isZero();

        // street cases: the copy with errors names each bad row; nothing of it is stored, not even its good row
        long beforeCases = TestDatabases.eventCount(dataSource);
        JsonPath rejected = Imports.run("street-cases", "street-cases-with-errors.csv", false);
        assertThat(rejected.getString("state")).isEqualTo("REJECTED");
        assertThat(rejected.getLong("rowsRejected")).isEqualTo(8);
        assertThat(Imports.problem(rejected, 2, "项目编号")).startsWith("XM-99: no programme with this 项目编号 was imported");
        assertThat(Imports.problem(rejected, 3, "服务内容")).contains("跳舞 is not a service");
        assertThat(Imports.problem(rejected, 4, "服务时间")).startsWith("2018-13-01: is not a date");
        assertThat(Imports.problem(rejected, 5, "物资价值")).startsWith("-5: must be between 0 and 10000000");
        assertThat(Imports.problem(rejected, 6, "出动编号")).contains("an outing of another programme");
        assertThat(Imports.problem(rejected, 7, "服务时间")).contains("must not be before the opening of the case");
        assertThat(Imports.problem(rejected, 8, "结果")).contains("入站 is recorded in the API");
        assertThat(Imports.problem(rejected, 9, "结果时间")).contains("is required");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(beforeCases);

        JsonPath cases = Imports.run("street-cases", "street-cases.xlsx", false);
        assertThat(cases.getString("state")).as(cases.prettify()).isEqualTo("SUCCEEDED");
        assertThat(cases.getLong("rowsImported")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid", cases.getString("jobId")))
                .isEqualTo(11);
        long after = TestDatabases.eventCount(dataSource);
        JsonPath casesAgain = Imports.run("street-cases", "street-cases.csv", false);
        assertThat(casesAgain.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(casesAgain.getLong("rowsUnchanged")).isEqualTo(5);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(after);

        // the figures: the patrol programme's two outings, its two cases (both ended), January's contacts and supplies
        List<Map<String, Object>> all = given().get("/api/programs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        Map<String, Object> patrol = all.stream()
                .filter(p -> "街面巡查救助".equals(p.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(patrol.get("kind")).isEqualTo("STAFF_PATROL");
        assertThat(((Number) patrol.get("cases")).longValue()).isEqualTo(2);
        assertThat(((Number) patrol.get("openCases")).longValue()).isZero();
        String programId = (String) patrol.get("programId");
        given().get("/api/programs/" + programId)
                .then()
                .statusCode(200)
                .body("patrols.size()", equalTo(2))
                .body("patrols.campaign", hasItems("寒冬送温暖"))
                .body("patrols.peopleMet", hasItems(12, 8));
        JsonPath supplies = given().queryParam("from", "2018-01-01")
                .queryParam("to", "2018-01-31")
                .get("/api/programs/" + programId + "/supplies")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(supplies.getLong("contacts")).isEqualTo(4);
        assertThat(supplies.getDouble("suppliesValue")).isEqualTo(200.0);
        JsonPath reunited = given().queryParam("programId", programId)
                .get("/api/street-cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> ofPatrol = reunited.getList("");
        Map<String, Object> first = ofPatrol.stream()
                .filter(c -> "东城街道天桥下".equals(c.get("location")))
                .findFirst()
                .orElseThrow();
        assertThat(first.get("outcome")).isEqualTo("REUNITED");
        assertThat(first.get("name")).isEqualTo("王建国");
        assertThat(OffsetDateTime.parse((String) first.get("outcomeAt")))
                .isAtSameInstantAs(OffsetDateTime.parse("2018-02-01T00:00:00+08:00"));
    }

    @Test
    void sheets_are_listed_with_templates_and_bad_programme_rows_are_named() throws Exception {
        Registries.station(dataSource, "dg-outreach");
        given().get("/api/imports/sheets")
                .then()
                .statusCode(200)
                .body("name", hasItems("outreach-programmes", "street-cases"))
                .body("find { it.name == 'street-cases' }.title", equalTo("街面个案"));
        String csv = given().queryParam("format", "csv")
                .get("/api/imports/sheets/street-cases/template")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("\uFEFF记录编号(sourceKey),个案编号(caseKey),项目编号(programKey)");
        given().get("/api/imports/sheets/outreach-programmes/template")
                .then()
                .statusCode(200)
                .contentType(Imports.XLSX);

        long before = TestDatabases.eventCount(dataSource);
        JsonPath bad = Imports.run(
                "outreach-programmes",
                ("活动编号,项目编号,项目名称,项目类型,站点,合作机构,出动时间,区域\n"
                                + "B-1,XB-1,夜间巡查,街面巡查,no-such-station,,2018-01-05,东城\n"
                                + "B-2,XB-2,让爱回家外展,合作团队,dg-outreach,,2018-01-05,东城\n"
                                + "B-3,XB-3,夜间巡查,街面巡查,dg-outreach,,2018-01-05,\n")
                        .getBytes(StandardCharsets.UTF_8),
                "text/csv",
                false);
        assertThat(bad.getString("state")).isEqualTo("REJECTED");
        assertThat(Imports.problem(bad, 2, "站点")).contains("is not registered");
        assertThat(Imports.problem(bad, 3, "合作机构")).contains("is required for a PARTNER_TEAM");
        assertThat(Imports.problem(bad, 4, "区域")).contains("is required with an outing");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
    }

    private long count(String sql, String arg) throws Exception {
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
