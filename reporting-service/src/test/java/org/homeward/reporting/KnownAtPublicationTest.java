package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A figure published "in January" reproduces byte for byte "in March", after back-dated admissions and
 * discharges recorded in between changed last year's figure; what changed since lists exactly those late
 * events; a projection rebuild keeps the record times (docs/adr/0027). Record times are set on the
 * envelopes: "January" is 60 minutes ago, "March" 30.
 * <pre>
 *   recorded "January": A admitted 2018-03-01, discharged 2018-06-01 (PLACED_IN_CARE); B admitted 2018-05-01
 *   recorded "March":   C admitted 2018-07-01, discharged 2018-08-01 (ESCORTED_HOME); B discharged 2018-09-01
 *   flow 2018 as published: admissions 2, exits 1; as known now: admissions 3, exits 3
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_test"))
class KnownAtPublicationTest {
    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Inject
    AgroalDataSource dataSource;

    final String station = "known-" + UUID.randomUUID().toString().substring(0, 6);
    final OffsetDateTime january =
            OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(60).truncatedTo(ChronoUnit.SECONDS);
    final OffsetDateTime march = january.plusMinutes(30);
    final Actor clerk = new Actor("clerk-wang", "STATION_STAFF", null);

    @Test
    void a_figure_published_in_january_reproduces_in_march_and_the_difference_lists_the_late_events() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID pb = UUID.randomUUID();
        admitted(a, UUID.randomUUID(), "2018-03-01T10:00:00+08:00", january, Actor.SYSTEM);
        discharged(a, "2018-06-01T10:00:00+08:00", ExitType.PLACED_IN_CARE, january, Actor.SYSTEM);
        admitted(b, pb, "2018-05-01T10:00:00+08:00", january, Actor.SYSTEM);
        String flow = "/api/reports/flow?from=2018-01-01&to=2019-01-01&stationId=" + station;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get(flow).then().extract().jsonPath().getInt("exits") == 1);

        String publishedAt = january.plusMinutes(1).toString();
        JsonPath publication = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "flow",
                        "knownAt",
                        publishedAt,
                        "parameters",
                        Map.of("from", "2018-01-01", "to", "2019-01-01", "stationId", station)))
                .post("/api/reports/publications")
                .then()
                .statusCode(201)
                .header("Location", Matchers.notNullValue())
                .body("publishedBy", Matchers.notNullValue())
                .extract()
                .jsonPath();
        String id = publication.getString("publicationId");
        byte[] inJanuary = given().get("/api/reports/publications/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(JsonPath.from(new String(inJanuary)).getInt("admissions")).isEqualTo(2);
        assertThat(JsonPath.from(new String(inJanuary)).getInt("exits")).isEqualTo(1);
        assertThat(inJanuary)
                .as("the publication is the report as known at its knownAt")
                .isEqualTo(given().get(flow + "&knownAt=" + publishedAt)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());

        // "March": back-dated corrections recorded later, by a clerk
        List<UUID> late = new ArrayList<>();
        late.add(admitted(c, UUID.randomUUID(), "2018-07-01T10:00:00+08:00", march, clerk));
        late.add(discharged(c, "2018-08-01T10:00:00+08:00", ExitType.ESCORTED_HOME, march.plusSeconds(1), clerk));
        late.add(discharged(b, "2018-09-01T10:00:00+08:00", ExitType.FAMILY_PICKUP, march.plusSeconds(2), clerk));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get(flow).then().extract().jsonPath().getInt("exits") == 3);
        assertThat(given().get(flow).then().extract().jsonPath().getInt("admissions"))
                .isEqualTo(3);

        byte[] inMarch = given().get("/api/reports/publications/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(inMarch).as("byte for byte").isEqualTo(inJanuary);
        assertThat(given().get(flow).then().extract().asByteArray()).isNotEqualTo(inJanuary);

        JsonPath changes = given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01&stationId="
                        + station + "&since=" + publishedAt)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(changes.getInt("differences.find { it.figure == 'admissions' }.before"))
                .isEqualTo(2);
        assertThat(changes.getInt("differences.find { it.figure == 'admissions' }.after"))
                .isEqualTo(3);
        assertThat(changes.getInt("differences.find { it.figure == 'exits' }.after"))
                .isEqualTo(3);
        assertThat(changes.getList("events.eventId", String.class))
                .containsExactlyElementsOf(late.stream().map(UUID::toString).toList());
        assertThat(changes.getList("events.recordedBy", String.class)).containsOnly("clerk-wang");
        assertThat(changes.getList("events.streamId", String.class))
                .containsExactly(c.toString(), c.toString(), b.toString());
        assertThat(changes.getList("events.eventType", String.class))
                .containsExactly("intake.PersonAdmitted", "intake.PersonDischarged", "intake.PersonDischarged");
        assertThat(OffsetDateTime.parse(changes.getString("events[0].recordedAt")))
                .isAtSameInstantAs(march);
        // Between "January" and just before "March" nothing was recorded: no difference, no events.
        JsonPath none = given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01&stationId=" + station
                        + "&since=" + publishedAt + "&until=" + march.minusSeconds(1))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(none.getList("differences")).isEmpty();
        assertThat(none.getList("events")).isEmpty();

        // The dashboard's series: flow changed since its publication, family search never published.
        JsonPath status = given().get(
                        "/api/reports/publications/status?from=2018-01-01&to=2019-01-01&stationId=" + station)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(status.getBoolean("find { it.type == 'flow' }.changedSincePublication"))
                .isTrue();
        assertThat(status.getList("find { it.type == 'flow' }.changedFigures", String.class))
                .contains("admissions", "exits");
        assertThat(status.getString("find { it.type == 'flow' }.latestPublication.publicationId"))
                .isEqualTo(id);
        assertThat(status.getString("find { it.type == 'family-search' }.latestPublication"))
                .isNull();

        // A projection rebuild from the topics keeps every change's record time: the publication still reproduces.
        given().post("/api/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> given().get("/api/admin/rebuild")
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("state")
                        .equals("DONE"));
        assertThat(given().get("/api/reports/publications/" + id + "/report")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .as("after a rebuild")
                .isEqualTo(inJanuary);
        assertThat(given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01&stationId=" + station
                                + "&since=" + publishedAt)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("events.eventId", String.class))
                .containsExactlyElementsOf(late.stream().map(UUID::toString).toList());
    }

    @Test
    void bad_publications_and_comparisons_are_problems_and_nothing_is_stored() {
        int before = given().get("/api/reports/publications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        Map<String, String> parameters = Map.of("from", "2018-01-01", "to", "2019-01-01");
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "horoscope", "parameters", parameters))
                .post("/api/reports/publications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "flow", "parameters", parameters, "knownAt", "2999-01-01T00:00:00Z"))
                .post("/api/reports/publications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("knownAt"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "flow", "parameters", parameters, "knownAt", "soon"))
                .post("/api/reports/publications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("knownAt"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "flow",
                        "parameters",
                        Map.of("from", "2018-01-01", "to", "2019-01-01", "colour", "red")))
                .post("/api/reports/publications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "flow", "parameters", Map.of("from", "2019-01-01", "to", "2018-01-01")))
                .post("/api/reports/publications")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        assertThat(given().get("/api/reports/publications")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .hasSize(before);

        given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("since"));
        given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01&since=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().get("/api/reports/changes?type=flow&from=2018-01-01&to=2019-01-01&since=2000-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().get("/api/reports/publications/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", "Bearer " + Tokens.forTests().token("REPORT_VIEWER"))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "flow", "parameters", parameters))
                .post("/api/reports/publications")
                .then()
                .statusCode(403);
    }

    /** Every fact table has its known-at view, so no figure can read a table unfiltered by knownAt. */
    @Test
    void every_fact_table_has_a_known_at_view() throws Exception {
        given().get("/api/reports/resources").then().statusCode(200); // the live facts exist
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            String live;
            try (ResultSet rs = s.executeQuery("SELECT live FROM projection_state WHERE id = 1")) {
                rs.next();
                live = rs.getString(1);
            }
            assertThat(names(
                            s,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + live
                                    + "_known' AND table_type = 'VIEW'"))
                    .isEqualTo(names(
                            s,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + live
                                    + "' AND table_type = 'BASE TABLE'"))
                    .isNotEmpty();
        }
    }

    private static TreeSet<String> names(Statement s, String sql) throws Exception {
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private UUID admitted(UUID stay, UUID person, String at, OffsetDateTime recorded, Actor by) {
        return send(
                stay, new PersonAdmitted(stay, person, station, ArrivalChannel.POLICE, null, false), at, recorded, by);
    }

    private UUID discharged(UUID stay, String at, ExitType exit, OffsetDateTime recorded, Actor by) {
        return send(stay, new PersonDischarged(stay, null, station, exit), at, recorded, by);
    }

    private UUID send(UUID stay, DomainEvent payload, String at, OffsetDateTime recorded, Actor by) {
        EventEnvelope e = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
                stay.toString(),
                1,
                OffsetDateTime.parse(at),
                recorded,
                by,
                null,
                null,
                payload);
        KafkaTestClient.send(Topics.INTAKE, stay.toString(), new EventCodec().envelopeJson(e));
        return e.eventId();
    }
}
