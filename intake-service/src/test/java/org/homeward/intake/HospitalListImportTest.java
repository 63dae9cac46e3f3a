package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Imports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station with a hospital list (住院名单: several episodes per stay) moves in, in the order that keeps
 * every stay's events in time order: the admission register without its exits, the hospital list
 * (checked by a dry run of its GBK copy, imported from its .xlsx, imported again with no change), then
 * the register's exits as the sheet exits. The copy with deliberate errors names each bad row and stores
 * nothing; a stay whose exit was imported first refuses its episodes, saying what to do.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class HospitalListImportTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_hospital_list_goes_between_the_register_and_its_exits() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"dg-hosp\",\"name\":\"东莞市救助管理站\"}")
                .post("/api/stations");

        // the register without its exits: the two columns that carry them are left out
        String registerJob = given().queryParam("map", "离站时间:-")
                .queryParam("map", "离站方式:-")
                .contentType("text/csv")
                .body(Imports.bytes("hospital-register.csv"))
                .post("/api/imports/admissions")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        JsonPath register = Imports.finished(registerJob);
        assertThat(register.getString("state")).as(register.prettify()).isEqualTo("SUCCEEDED");
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.PersonDischarged'",
                        registerJob))
                .isZero();

        JsonPath rejected = Imports.run("hospital-list", "hospital-list-with-errors.csv", false);
        assertThat(rejected.getString("state")).isEqualTo("REJECTED");
        assertThat(rejected.getLong("rowsRejected")).isEqualTo(7);
        assertThat(Imports.problem(rejected, 2, "入站登记编号")).contains("import it first");
        assertThat(Imports.problem(rejected, 3, "姓名")).contains("is registered as 李大山");
        assertThat(Imports.problem(rejected, 4, "医院")).contains("is required");
        assertThat(Imports.problem(rejected, 5, "入院时间")).startsWith("2017年3月32日: is not a date");
        assertThat(Imports.problem(rejected, 6, "出院时间")).contains("is before the 入院时间");
        assertThat(Imports.problem(rejected, 7, "入院时间")).contains("must not be before the stay's last recorded event");
        assertThat(Imports.problem(rejected, 9, null)).contains("already in hospital");
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE event_type = 'intake.HospitalisationStarted' "
                                + "AND stream_id IN (SELECT entity->>'stayId' FROM import_row WHERE sheet = 'admissions' AND source_key LIKE ?)",
                        "H17-%"))
                .isZero();

        JsonPath dry = Imports.run("hospital-list", "hospital-list-gbk.csv", true);
        assertThat(dry.getString("state")).as(dry.prettify()).isEqualTo("VALIDATED");
        assertThat(dry.getString("format")).isEqualTo("csv (GBK)");
        assertThat(dry.getLong("rowsImported")).isEqualTo(6);

        JsonPath done = Imports.run("hospital-list", "hospital-list.xlsx", false);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.HospitalisationStarted'",
                        done.getString("jobId")))
                .isEqualTo(6);
        assertThat(count(
                        "SELECT count(*) FROM event_store WHERE correlation_id = ?::uuid AND event_type = 'intake.HospitalisationEnded'",
                        done.getString("jobId")))
                .isEqualTo(4);
        JsonPath again = Imports.run("hospital-list", "hospital-list.csv", false);
        assertThat(again.getLong("rowsUnchanged")).isEqualTo(6);
        assertThat(again.getLong("rowsImported")).isZero();

        // then the exits, from the register's own file: two stays ended, one person is still in (in hospital)
        JsonPath exits = Imports.run("exits", "hospital-register.csv", false);
        assertThat(exits.getString("state")).as(exits.prettify()).isEqualTo("SUCCEEDED");
        assertThat(exits.getLong("rowsImported")).isEqualTo(2);
        assertThat(exits.getLong("rowsUnchanged")).isEqualTo(1);
        assertThat(Imports.run("exits", "hospital-register.csv", false).getLong("rowsUnchanged"))
                .isEqualTo(3);

        JsonPath first = stay("H17-001");
        assertThat(first.getList("hospitalisations.hospital")).containsExactly("东莞市第三人民医院", "东莞市人民医院", "东莞市第三人民医院");
        assertThat(first.getString("exitType")).isEqualTo("FAMILY_PICKUP");
        assertThat(OffsetDateTime.parse(first.getString("dischargedAt")))
                .isAtSameInstantAs(OffsetDateTime.parse("2017-09-01T00:00:00+08:00"));
        JsonPath second = stay("H17-002");
        assertThat(second.getBoolean("open")).isTrue();
        assertThat(second.getBoolean("inHospital")).isTrue();
        assertThat(second.getList("hospitalisations")).hasSize(2);
        JsonPath third = stay("H17-003"); // died in hospital: the death ends the episode
        assertThat(third.getString("exitType")).isEqualTo("DECEASED");
        assertThat(OffsetDateTime.parse(third.getString("hospitalisations[0].endedAt")))
                .isAtSameInstantAs(OffsetDateTime.parse("2017-06-20T00:00:00+08:00"));
    }

    @Test
    void a_stay_whose_exit_came_first_refuses_its_episodes_and_says_what_to_do() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"stationId\":\"dg-hosp-2\",\"name\":\"东莞市救助管理站\"}")
                .post("/api/stations");
        String header = "登记编号,站点,姓名,性别,身份已核实,来站方式,入站时间,离站时间,离站方式,接领人,与受助人关系\n";
        JsonPath register = Imports.run(
                "admissions",
                (header + "H18-100,dg-hosp-2,钱七,男,否,公安护送,2018-01-01,2018-03-01,亲属接回,钱八,兄弟\n")
                        .getBytes(StandardCharsets.UTF_8),
                "text/csv",
                false);
        assertThat(register.getString("state")).as(register.prettify()).isEqualTo("SUCCEEDED");
        JsonPath late = Imports.run(
                "hospital-list",
                "住院编号,入站登记编号,医院,入院时间\nZY-100,H18-100,东莞市人民医院,2018-02-01\n".getBytes(StandardCharsets.UTF_8),
                "text/csv",
                false);
        assertThat(late.getString("state")).isEqualTo("REJECTED");
        assertThat(Imports.problem(late, 2, "入站登记编号"))
                .contains("discharged on 2018-03-01")
                .contains("map=离站时间:-");
    }

    @Test
    void the_sheets_are_listed_with_their_templates() {
        given().get("/api/imports/sheets")
                .then()
                .statusCode(200)
                .body("name", hasItems("admissions", "exits", "fragments", "hospital-list"))
                .body("find { it.name == 'hospital-list' }.title", equalTo("住院名单"));
        String csv = given().queryParam("format", "csv")
                .get("/api/imports/sheets/hospital-list/template")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("\uFEFF住院编号(sourceKey),入站登记编号(admissionKey)");
        given().get("/api/imports/sheets/exits/template").then().statusCode(200).contentType(Imports.XLSX);
    }

    private JsonPath stay(String admissionKey) throws Exception {
        String stayId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT entity->>'stayId' FROM import_row WHERE sheet = 'admissions' AND source_key = ?")) {
            ps.setString(1, admissionKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stayId = rs.getString(1);
            }
        }
        return given().get("/api/stays/" + stayId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
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
