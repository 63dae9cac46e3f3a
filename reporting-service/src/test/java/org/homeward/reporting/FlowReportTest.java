package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.EntrustedCareTransferred;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow figures on a small history whose values are worked out by hand below (docs/definitions.md),
 * delivered newest event first. January 2018 (31 days), one station:
 * <pre>
 *   A  admitted 2017-12-20 POLICE             exit 2018-01-05 FAMILY_PICKUP   16 days  in at 00:00 of Jan 1–5    5
 *   B  admitted 2018-01-03 SELF               exit 2018-01-10 PLACED_IN_CARE   7 days  Jan 4–10                  7
 *   C  admitted 2018-01-10 POLICE             托养 Jan 15, transferred Jan 20, open      Jan 11–31                21
 *   D  admitted 2017-10-01 HOSPITAL           in hospital from Jan 20, open              Jan 1–31                 31
 *   E  admitted 2018-01-25 OUTREACH_REFERRAL  exit 2018-01-26 ESCORTED_HOME    1 day   Jan 26                    1
 *   F  admitted 2017-09-01 POLICE             exit 2018-01-31 DECEASED       152 days  Jan 1–31                 31
 * </pre>
 * admissions 3 (B, C, E); exits 4 (A, B, E, F); final placements 1 → 安置率 1/4 = 25.0%;
 * person-days 96 → average in station 96/31 = 3.1; 周转率 = 4 × 31 / 96 = 1.29;
 * lengths 1, 7, 16, 152 → median 11.5, past 10 days 2 (A, F), past 3 months 1 (F);
 * as of 2018-02-01: in entrusted care 1 (C, once though transferred), in hospital 1 (D).
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class FlowReportTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    final String station = "flow-" + UUID.randomUUID().toString().substring(0, 6);
    final List<Object[]> events = new ArrayList<>();
    UUID stayB;
    UUID stayC;

    @Test
    void flow_figures_match_the_hand_computed_values_and_entrusted_care_stays_in_retention() {
        stay(ArrivalChannel.POLICE, "2017-12-20T10:00:00+08:00", ExitType.FAMILY_PICKUP, "2018-01-05T10:00:00+08:00");
        stayB = stay(
                ArrivalChannel.SELF, "2018-01-03T10:00:00+08:00", ExitType.PLACED_IN_CARE, "2018-01-10T10:00:00+08:00");
        stayC = stay(ArrivalChannel.POLICE, "2018-01-10T10:00:00+08:00", null, null);
        UUID first = UUID.randomUUID();
        add(stayC, new EntrustedCareStarted(stayC, first, "东莞市社会福利中心"), "2018-01-15T10:00:00+08:00");
        add(
                stayC,
                new EntrustedCareTransferred(stayC, first, UUID.randomUUID(), "常平托养中心"),
                "2018-01-20T10:00:00+08:00");
        UUID stayD = stay(ArrivalChannel.HOSPITAL, "2017-10-01T10:00:00+08:00", null, null);
        add(stayD, new HospitalisationStarted(stayD, UUID.randomUUID(), "市第三人民医院"), "2018-01-20T10:00:00+08:00");
        stay(
                ArrivalChannel.OUTREACH_REFERRAL,
                "2018-01-25T10:00:00+08:00",
                ExitType.ESCORTED_HOME,
                "2018-01-26T10:00:00+08:00");
        stay(ArrivalChannel.POLICE, "2017-09-01T10:00:00+08:00", ExitType.DECEASED, "2018-01-31T10:00:00+08:00");
        Collections.reverse(events);
        events.forEach(e -> send((UUID) e[0], (DomainEvent) e[1], (String) e[2]));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath f = flow();
            return f.getLong("admissions") == 3
                    && f.getLong("exits") == 4
                    && f.getLong("personDays") == 96
                    && f.getLong("inEntrustedCare") == 1
                    && f.getLong("inHospital") == 1
                    && f.getLong("finalPlacements") == 1
                    && f.getLong("lengthOfStay.past3Months") == 1;
        });

        JsonPath f = flow();
        assertThat(f.getLong("admissionsByChannel.find { it.key == 'POLICE' }.count"))
                .isEqualTo(1);
        assertThat(f.getLong("admissionsByChannel.find { it.key == 'SELF' }.count"))
                .isEqualTo(1);
        assertThat(f.getLong("admissionsByChannel.find { it.key == 'OUTREACH_REFERRAL' }.count"))
                .isEqualTo(1);
        assertThat(f.getLong("admissionsByChannel.find { it.key == 'HOSPITAL' }.count"))
                .isEqualTo(0);
        for (String type : List.of("FAMILY_PICKUP", "PLACED_IN_CARE", "ESCORTED_HOME", "DECEASED")) {
            assertThat(f.getLong("exitsByType.find { it.key == '" + type + "' }.count"))
                    .as(type)
                    .isEqualTo(1);
        }
        assertThat(f.getLong("exitsByType.find { it.key == 'SELF_DEPARTURE' }.count"))
                .isEqualTo(0);
        assertThat(f.getString("placementRatePercent")).isEqualTo("25.0");
        assertThat(f.getString("averageInStation")).isEqualTo("3.1");
        assertThat(f.getString("turnover")).isEqualTo("1.29");
        assertThat(f.getString("lengthOfStay.medianDays")).isEqualTo("11.5");
        assertThat(f.getLong("lengthOfStay.past10Days")).isEqualTo(2);
        assertThat(f.getLong("previousYear.exits")).isZero();
        assertThat(f.getString("previousYear.placementRatePercent")).isNull();
        assertThat(f.getString("previousYear.turnover")).isNull();
        assertThat(f.getString("previousYear.previousYear")).isNull();

        // 托养 keeps C in the station's retention; B's final placement (安置) takes B out.
        given().get("/api/reports/retention?asOf=2018-01-20&stationId=" + station)
                .then()
                .statusCode(200)
                .body("inStation", Matchers.equalTo(3)); // C, D, F
        List<String> members = given().get(
                        "/api/reports/retention/members?asOf=2018-01-20&figure=inStation&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .path("stayId");
        assertThat(members).contains(stayC.toString()).doesNotContain(stayB.toString());
        List<String> placed = given().get(
                        "/api/reports/flow/members?from=2018-01-01&to=2018-02-01&figure=finalPlacements" + "&stationId="
                                + station)
                .then()
                .statusCode(200)
                .extract()
                .path("stayId");
        assertThat(placed).containsExactly(stayB.toString());
        List<String> inCare = given().get(
                        "/api/reports/flow/members?from=2018-01-01&to=2018-02-01&figure=inEntrustedCare" + "&stationId="
                                + station)
                .then()
                .statusCode(200)
                .extract()
                .path("stayId");
        assertThat(inCare).containsExactly(stayC.toString());
    }

    @Test
    void bad_flow_parameters_are_problems_naming_the_parameter() {
        given().get("/api/reports/flow?from=2018-02-01&to=2018-01-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", Matchers.equalTo("from"));
        given().get("/api/reports/flow?from=1990-01-01&to=2018-01-01")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("to"));
        given().get("/api/reports/flow/members?from=2018-01-01&to=2018-02-01&figure=everyone")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("figure"));
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/reports/flow/members?from=2018-01-01&to=2018-02-01&figure=exits")
                .then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .get("/api/reports/flow?from=2018-01-01&to=2018-02-01&stationId=nowhere")
                .then()
                .statusCode(200)
                .body("exits", Matchers.equalTo(0));

        given().header("Authorization", "Bearer " + Tokens.forTests().token("flow-analyst", "STATION_STAFF", null))
                .get("/api/reports/flow/members?from=2018-01-01&to=2018-02-01&figure=exits")
                .then()
                .statusCode(200);
        given().queryParam("subject", "flow-analyst")
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("action", Matchers.hasItem("DRILL_DOWN"))
                .body("target", Matchers.hasItem(Matchers.startsWith("flow/exits@")));
    }

    private JsonPath flow() {
        return given().get("/api/reports/flow?from=2018-01-01&to=2018-02-01&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private UUID stay(ArrivalChannel channel, String admitted, ExitType exit, String discharged) {
        UUID stay = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        add(stay, new PersonAdmitted(stay, person, station, channel, null, false), admitted);
        if (exit != null) {
            add(stay, new PersonDischarged(stay, person, station, exit), discharged);
        }
        return stay;
    }

    private void add(UUID stream, DomainEvent payload, String at) {
        events.add(new Object[] {stream, payload, at});
    }

    private static void send(UUID stream, DomainEvent payload, String at) {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
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
}
