package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagCleared;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.outreach.ProgramEvent;
import org.homeward.events.outreach.ProgramKind;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.outreach.StreetOutcome;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The people at risk on a small history worked out by hand (docs/definitions.md), delivered newest
 * event first. One station:
 * <pre>
 *   P1 admitted 2018-01-10, age 70 at registration           MENTAL_DISORDER by hand from Jan 15
 *   P2 admitted 2018-01-20, age 16                           INTELLECTUAL_DISABILITY Jan 21, cleared Feb 10
 *   P3 admitted 2017-11-20, no age                           MINOR by hand Jan 2; in hospital from Jan 5; family found Feb 25
 *   P4 admitted 2018-01-05, age 40                           PHYSICAL_DISABILITY Jan 6; discharged Feb 15
 *   P5 registered 2017-02-01 aged 59, admitted 2018-02-25    (60 by 2018-03-01)
 * </pre>
 * As of 2018-03-01: in station 4 (P1, P2, P3, P5); mental 1 (P1); intellectual 0; physical 0; minor 2
 * (P2 by age, P3 by hand); elderly 2 (P1, P5); long-term hospitalised 1 (P3: 55 days ≥ 30); at risk 4.
 * As of 2018-02-01: in station 4 (P1–P4); mental 1; intellectual 1; physical 1; minor 2; elderly 1;
 * long-term hospitalised 0 (P3's episode began Jan 5, after Feb 1 − 30 days = Jan 2); at risk 4.
 * The found family makes P3 identified: unidentified 3-month retention 1 as of Feb 21, 0 as of Mar 1.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class AtRiskReportTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    final String station = "risk-" + UUID.randomUUID().toString().substring(0, 6);
    final List<Object[]> events = new ArrayList<>();
    final Map<UUID, Integer> versions = new HashMap<>();

    @Test
    @SuppressWarnings("unchecked")
    void figures_for_each_flag_match_the_hand_computed_values_as_of_any_date() {
        UUID p1 = person(70, "2018-01-10T10:00:00+08:00");
        stay(p1, "2018-01-10T10:00:00+08:00", null);
        flag(p1, RiskFlag.MENTAL_DISORDER, true, "2018-01-15T10:00:00+08:00");
        UUID p2 = person(16, "2018-01-20T10:00:00+08:00");
        UUID stay2 = stay(p2, "2018-01-20T10:00:00+08:00", null);
        flag(p2, RiskFlag.INTELLECTUAL_DISABILITY, true, "2018-01-21T10:00:00+08:00");
        flag(p2, RiskFlag.INTELLECTUAL_DISABILITY, false, "2018-02-10T10:00:00+08:00");
        UUID p3 = person(null, "2017-11-20T10:00:00+08:00");
        UUID stay3 = stay(p3, "2017-11-20T10:00:00+08:00", null);
        flag(p3, RiskFlag.MINOR, true, "2018-01-02T10:00:00+08:00");
        add(
                Topics.INTAKE,
                stay3,
                new HospitalisationStarted(stay3, UUID.randomUUID(), "市第三人民医院"),
                "2018-01-05T10:00:00+08:00");
        add(
                Topics.SEARCH,
                p3,
                new FamilyFound(
                        UUID.randomUUID(),
                        p3,
                        UUID.randomUUID(),
                        LeadChannel.STAFF_INQUIRY,
                        null,
                        LeadChannel.STAFF_INQUIRY,
                        "staff-1",
                        "寻亲服务组"),
                "2018-02-25T10:00:00+08:00");
        UUID p4 = person(40, "2018-01-05T10:00:00+08:00");
        stay(p4, "2018-01-05T10:00:00+08:00", "2018-02-15T10:00:00+08:00");
        flag(p4, RiskFlag.PHYSICAL_DISABILITY, true, "2018-01-06T10:00:00+08:00");
        UUID p5 = person(59, "2017-02-01T10:00:00+08:00");
        stay(p5, "2018-02-25T10:00:00+08:00", null);
        Collections.reverse(events);
        events.forEach(e -> send((String) e[0], (UUID) e[1], (DomainEvent) e[2], (String) e[3], (Integer) e[4]));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath r = atRisk("2018-03-01");
            return r.getLong("inStation") == 4
                    && count(r, "ELDERLY") == 2
                    && count(r, "INTELLECTUAL_DISABILITY") == 0
                    && count(r, "LONG_TERM_HOSPITALISED") == 1
                    && count(r, "MENTAL_DISORDER") == 1
                    && count(r, "MINOR") == 2
                    && r.getLong("previousYear.inStation") == 0
                    && retention("2018-03-01").getLong("retained3Months") == 1;
        });
        JsonPath march = atRisk("2018-03-01");
        assertThat(march.getLong("atRisk")).isEqualTo(4);
        assertThat(count(march, "PHYSICAL_DISABILITY")).isZero();
        assertThat(march.getString("byFlag.find { it.flag == 'LONG_TERM_HOSPITALISED' }.label"))
                .isEqualTo("长期住院");

        JsonPath february = atRisk("2018-02-01");
        assertThat(february.getLong("inStation")).isEqualTo(4);
        assertThat(List.of(
                        count(february, "MENTAL_DISORDER"),
                        count(february, "INTELLECTUAL_DISABILITY"),
                        count(february, "PHYSICAL_DISABILITY"),
                        count(february, "MINOR"),
                        count(february, "ELDERLY"),
                        count(february, "LONG_TERM_HOSPITALISED")))
                .containsExactly(1L, 1L, 1L, 2L, 1L, 0L);
        assertThat(february.getLong("atRisk")).isEqualTo(4);

        List<String> minors = given().get(
                        "/api/reports/at-risk/members?asOf=2018-03-01&figure=MINOR&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .path("stayId");
        assertThat(minors).containsExactlyInAnyOrder(stay2.toString(), stay3.toString());
        given().get("/api/reports/at-risk/members?asOf=2018-03-01&figure=LONG_TERM_HOSPITALISED&stationId=" + station)
                .then()
                .body("[0].flags", Matchers.contains("MINOR", "LONG_TERM_HOSPITALISED"));

        // the people at risk as .xlsx: one row per stay as in the JSON, the flags in one cell
        String atRisk = "/api/reports/at-risk/members?asOf=2018-03-01&figure=atRisk&stationId=" + station;
        List<Map<String, Object>> members =
                given().get(atRisk).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(members).hasSize(4);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                given().accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .get(atRisk)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("受助编号");
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("重点人员类别");
            assertThat(sheet.getLastRowNum()).isEqualTo(members.size());
            for (int i = 0; i < members.size(); i++) {
                assertThat(sheet.getRow(i + 1).getCell(0).getStringCellValue())
                        .isEqualTo(members.get(i).get("stayId"));
                assertThat(sheet.getRow(i + 1).getCell(4).getStringCellValue())
                        .isEqualTo(
                                String.join("、", (List<String>) members.get(i).get("flags")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // a found family counts as an identity established (身份经亲属确认)
        assertThat(retention("2018-02-21").getLong("unidentifiedRetained3Months"))
                .isEqualTo(1);
        assertThat(retention("2018-03-01").getLong("unidentifiedRetained3Months"))
                .isZero();
    }

    /** Two patients of a hospital post, both identified and reunited; one is the station's own resident: counted once, by the station. */
    @Test
    void a_street_case_linked_to_the_stations_resident_is_left_out_of_the_outreach_figures() {
        UUID program = UUID.randomUUID();
        add(
                Topics.OUTREACH,
                program,
                new ProgramEvent.ProgramStarted(program, "医院救助点", ProgramKind.HOSPITAL_POST, station, null),
                "2018-01-01T09:00:00+08:00");
        UUID resident = person(50, "2018-03-01T09:00:00+08:00");
        UUID stay = stay(resident, "2018-03-01T09:00:00+08:00", null);
        UUID linked = UUID.randomUUID();
        for (UUID streetCase : List.of(UUID.randomUUID(), linked)) {
            add(
                    Topics.OUTREACH,
                    streetCase,
                    new StreetCaseEvent.StreetCaseOpened(streetCase, program, "市第三人民医院", null),
                    "2018-03-02T09:00:00+08:00");
            add(
                    Topics.OUTREACH,
                    streetCase,
                    new StreetCaseEvent.StreetCaseIdentified(streetCase, program, "李某", "四川"),
                    "2018-03-05T09:00:00+08:00");
            add(
                    Topics.OUTREACH,
                    streetCase,
                    new StreetCaseEvent.OutcomeRecorded(streetCase, program, StreetOutcome.REUNITED, null, null, null),
                    "2018-03-20T09:00:00+08:00");
        }
        add(
                Topics.OUTREACH,
                linked,
                new StreetCaseEvent.LinkedToResident(linked, program, resident, stay),
                "2018-03-06T09:00:00+08:00");
        Collections.reverse(events);
        events.forEach(e -> send((String) e[0], (UUID) e[1], (DomainEvent) e[2], (String) e[3], (Integer) e[4]));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> given().get("/api/reports/outreach?from=2018-01-01&to=2019-01-01&programId=" + program)
                                .then()
                                .statusCode(200)
                                .body("identified", equalTo(1))
                                .body("rescued", equalTo(1)));
        given().get("/api/reports/outreach/members?from=2018-01-01&to=2019-01-01&programId=" + program)
                .then()
                .body("caseId", Matchers.not(hasItem(linked.toString())));
        given().get("/api/reports/retention?asOf=2018-03-10&stationId=" + station)
                .then()
                .body("inStation", equalTo(1));
    }

    @Test
    void bad_at_risk_parameters_are_problems_and_members_are_for_care_staff() {
        given().get("/api/reports/at-risk?asOf=2018-02-30")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("asOf"));
        given().get("/api/reports/at-risk/members?asOf=2018-03-01&figure=everyone")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("figure"));
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/reports/at-risk/members?asOf=2018-03-01&figure=MINOR")
                .then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/reports/at-risk?asOf=2018-03-01&stationId=nowhere")
                .then()
                .statusCode(200)
                .body("inStation", equalTo(0));
    }

    private static long count(JsonPath r, String flag) {
        return r.getLong("byFlag.find { it.flag == '" + flag + "' }.persons");
    }

    private JsonPath atRisk(String asOf) {
        return given().get("/api/reports/at-risk?asOf=" + asOf + "&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private JsonPath retention(String asOf) {
        return given().get("/api/reports/retention?asOf=" + asOf + "&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private UUID person(Integer age, String at) {
        UUID person = UUID.randomUUID();
        add(Topics.INTAKE, person, new PersonRegistered(person, null, Sex.MALE, age, false, null, null), at);
        return person;
    }

    private UUID stay(UUID person, String admitted, String discharged) {
        UUID stay = UUID.randomUUID();
        add(
                Topics.INTAKE,
                stay,
                new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false),
                admitted);
        if (discharged != null) {
            add(Topics.INTAKE, stay, new PersonDischarged(stay, person, station, ExitType.FAMILY_PICKUP), discharged);
        }
        return stay;
    }

    private void flag(UUID person, RiskFlag flag, boolean set, String at) {
        UUID stream = UUID.nameUUIDFromBytes(("flags" + person).getBytes());
        add(
                Topics.INTAKE,
                stream,
                set ? new RiskFlagSet(person, flag, null) : new RiskFlagCleared(person, flag, null),
                at);
    }

    private void add(String topic, UUID stream, DomainEvent payload, String at) {
        events.add(new Object[] {topic, stream, payload, at, versions.merge(stream, 1, Integer::sum)});
    }

    private static void send(String topic, UUID stream, DomainEvent payload, String at, int version) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "test",
                stream.toString(),
                version,
                OffsetDateTime.parse(at),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
        KafkaTestClient.send(topic, stream.toString(), new EventCodec().envelopeJson(envelope));
    }
}
