package org.homeward.search.onboarding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Imports;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A station's family-search ledger (寻亲台账, test resources: UTF-8 and GBK CSV, .xlsx, and a copy with
 * deliberate errors) goes onto the search cases of residents intake announced: checked by a dry run,
 * imported, imported again with no change, and seen in the cases and the staff tally.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class FamilySearchLedgerImportTest {
    static final String STATION = "dg-ledger";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_ledger_is_checked_imported_and_reimported_without_change() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"partnerId\":\"rangaihuijia\",\"name\":\"让爱回家\",\"kind\":\"NGO\"}")
                .post("/api/partners")
                .then()
                .statusCode(anyOf(equalTo(201), equalTo(409)));
        UUID nameless = resident(null, false, "2018-03-01T09:00:00+08:00");
        UUID liu = resident("刘德明", false, "2018-04-10T10:00:00+08:00");
        UUID chen = resident("陈阿妹", false, "2018-04-10T15:00:00+08:00");
        UUID huang = resident("黄伯", true, "2018-05-02T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM known_stay ks JOIN known_person kp "
                                        + "USING (person_id) WHERE ks.station_id = '" + STATION
                                        + "' AND (kp.name IS NOT NULL OR ks.person_id = '" + nameless
                                        + "')")
                                == 4
                        && count("SELECT count(*) FROM search_case WHERE person_id IN ('" + nameless + "','" + liu
                                        + "','" + chen + "')")
                                == 3);
        long before = TestDatabases.eventCount(dataSource);

        // the copy with errors: each bad line named by row, column and value; nothing stored, not even its good line
        JsonPath rejected = Imports.run("family-search", "ledger-with-errors.csv", false);
        assertThat(rejected.getString("state")).isEqualTo("REJECTED");
        assertThat(rejected.getLong("rowsRejected")).isEqualTo(6);
        assertThat(Imports.problem(rejected, 2, "时间")).startsWith("2018-02-30: is not a date");
        assertThat(Imports.problem(rejected, 3, "事项")).startsWith("电话: must be one of");
        assertThat(Imports.problem(rejected, 4, "入站日期")).contains("no resident admitted that day");
        assertThat(Imports.problem(rejected, 5, "姓名")).contains("2 residents admitted that day");
        assertThat(Imports.problem(rejected, 6, "寻亲成功时间")).contains("verified 属实, not 不实");
        assertThat(Imports.problem(rejected, 7, "时间")).contains("must not be before the opening of the case");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);

        // the good ledger, GBK: a dry run finds every line importable and stores nothing
        JsonPath dry = Imports.run("family-search", "ledger-gbk.csv", true);
        assertThat(dry.getString("state")).as(dry.prettify()).isEqualTo("VALIDATED");
        assertThat(dry.getString("format")).isEqualTo("csv (GBK)");
        assertThat(dry.getLong("rowsImported")).isEqualTo(6);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);

        // for real, from the .xlsx (real date cells)
        JsonPath done = Imports.run("family-search", "ledger.xlsx", false);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getLong("rowsImported")).isEqualTo(6);
        String job = done.getString("jobId");
        assertThat(count("SELECT count(*) FROM event_store WHERE correlation_id = '" + job + "'"))
                .isEqualTo(12);
        assertThat(count("SELECT count(*) FROM event_store WHERE correlation_id = '" + job
                        + "' AND event_type = 'search.FamilyFound' " + "AND occurred_at = '2018-03-10T00:00:00+08:00'"))
                .isEqualTo(1);

        JsonPath first = caseOf(nameless);
        assertThat(first.getString("summary.status")).isEqualTo("FAMILY_FOUND");
        assertThat(first.getString("success.channel")).isEqualTo("POLICE_FACE_RECOGNITION");
        assertThat(first.getList("leads[0].contacted")).containsExactly("凤凰县公安局", "沱江镇政府");
        assertThat(first.getString("notices[0].medium")).isEqualTo("NEWSPAPER");
        JsonPath second = caseOf(liu);
        assertThat(second.getString("summary.status")).isEqualTo("OPEN");
        assertThat(second.getString("leads[0].verification")).isEqualTo("REJECTED");
        assertThat(second.getString("dnaRequestedAt")).isNotNull();
        assertThat(caseOf(chen).getString("success.partnerId")).isEqualTo("rangaihuijia");
        JsonPath manual = caseOf(huang); // identified at admission: the ledger's notice opened a case by hand
        assertThat(manual.getString("summary.openingReason")).isEqualTo("MANUAL");
        assertThat(manual.getString("notices[0].medium")).isEqualTo("NEWS_APP");

        // the figures: two successes in spring 2018 at the station, credited as the ledger says
        JsonPath tally = given().queryParam("from", "2018-03-01")
                .queryParam("to", "2018-06-30")
                .queryParam("stationId", STATION)
                .get("/api/staff-tally")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(tally.getList("byUnit", Map.class))
                .extracting(m -> m.get("unit") + "=" + m.get("successes"))
                .containsExactlyInAnyOrder("寻亲组=1", "让爱回家=1");

        // the same ledger again, as UTF-8 CSV: nothing changes
        long after = TestDatabases.eventCount(dataSource);
        JsonPath again = Imports.run("family-search", "ledger.csv", false);
        assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(again.getLong("rowsImported")).isZero();
        assertThat(again.getLong("rowsUnchanged")).isEqualTo(6);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(after);
    }

    @Test
    void the_sheet_is_listed_with_its_template_and_bad_files_are_refused() {
        given().get("/api/imports/sheets")
                .then()
                .statusCode(200)
                .body("name", hasItem("family-search"))
                .body("find { it.name == 'family-search' }.title", equalTo("寻亲台账"));
        String csv = given().queryParam("format", "csv")
                .get("/api/imports/sheets/family-search/template")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("\uFEFF台账编号(sourceKey),站点(stationId),入站日期(admittedAt)");
        given().get("/api/imports/sheets/family-search/template")
                .then()
                .statusCode(200)
                .contentType(Imports.XLSX);

        JsonPath unknownColumn = Imports.run(
                "family-search",
                "台账编号,站点,事项,时间,鞋码\nX-1,dg-ledger,公告,2018-01-01,42\n".getBytes(StandardCharsets.UTF_8),
                "text/csv",
                false);
        assertThat(unknownColumn.getString("state")).isEqualTo("REJECTED");
        assertThat(Imports.problem(unknownColumn, 1, "鞋码")).contains("is not a column of the sheet family-search");
        given().contentType("text/csv")
                .body("a\n1\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/admissions")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("sheet"));
    }

    private static JsonPath caseOf(UUID person) {
        String caseId = given().queryParam("personId", person)
                .get("/api/search-cases")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].caseId");
        return given().get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A resident as intake announces one: registered, then admitted at the station. */
    private static UUID resident(String name, boolean identified, String admittedAt) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        publish("person", person, new PersonRegistered(person, name, Sex.MALE, 50, identified, null, null), admittedAt);
        publish(
                "stay",
                stay,
                new PersonAdmitted(stay, person, STATION, ArrivalChannel.POLICE, null, identified),
                admittedAt);
        return person;
    }

    private static void publish(String type, UUID stream, DomainEvent payload, String at) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                type,
                stream.toString(),
                1,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, stream.toString(), new EventCodec().envelopeJson(envelope));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
