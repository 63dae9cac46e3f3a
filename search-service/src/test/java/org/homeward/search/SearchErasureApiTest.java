package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.homeward.testsupport.Problems.problem;
import static org.homeward.testsupport.RandomText.digits;
import static org.homeward.testsupport.RandomText.distinct;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.homeward.events.DomainEvent;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonErased;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportSubmitted;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.IntakeAnnouncements;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.PersonalDataScan;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search's own personal data (ADR 35): a missing-person report's and its reporter's values are sealed with
 * the report's key from the start; erasing the report (ADMIN, a reason) leaves none of them in search's
 * database, its events and topic records read null, it is proposed for no one, a rebuild reads the same,
 * and bad erasures change nothing. A resident's erasure announced by intake clears the leads about them.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class SearchErasureApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String ADMITTED = "2018-03-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventSourcing sourcing;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void an_erased_reports_values_are_nowhere_in_search_and_it_is_proposed_for_no_one() throws Exception {
        String surname = "王", given = distinct(2), name = surname + given;
        String nickname = "阿" + given, other = distinct(2) + "伢子", hometown = "湖南省邵阳市隆回县" + distinct(2) + "村";
        String reporter = distinct(3), phone = "137" + digits(8), relation = "女儿" + distinct(1);
        String place = distinct(3) + "汽车站", about = "左手缺一指" + distinct(3), reason = "已在" + distinct(3) + "找到";
        List<String> values = List.of(name, other, hometown, reporter, phone, relation, place, about, reason);
        // a resident the report proposes: known by the report's nickname, an unidentified man of about 55
        UUID person = resident(nickname);
        String report = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()) // the stored answer names them too
                .body("{\"reporter\":{\"kind\":\"FAMILY\",\"name\":\"" + reporter + "\",\"relation\":\"" + relation
                        + "\",\"phone\":\"" + phone + "\"},\"name\":\"" + name + "\",\"otherNames\":[\"" + other
                        + "\"],\"sex\":\"MALE\",\"birthYear\":1963,\"hometown\":\"" + hometown
                        + "\",\"hometownCode\":\"430524\",\"lastSeenOn\":\"2018-02-20\",\"lastSeenPlace\":\"" + place
                        + "\",\"description\":\"" + about + "\",\"occurredAt\":\"2018-03-05T10:00:00+08:00\"}")
                .post("/api/missing-person-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("reportId");
        given().get("/api/missing-person-reports/" + report + "/candidates")
                .then()
                .statusCode(200)
                .body("personId", hasItem(person.toString()));
        // staff make the pair a lead on the resident's case: the lead is the resident's (sealed with their key,
        // which this erasure keeps), so it must hold nothing of the report
        given().contentType(ContentType.JSON)
                .body("{\"summary\":\"请核实\",\"occurredAt\":\"2018-03-06T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/lead")
                .then()
                .statusCode(201);

        // sealed from the start: not in the event store, not on the topic, but the service reads them
        assertThat(hits(values)).noneMatch(h -> h.contains("event_store"));
        String onTopic = KafkaTestClient.awaitRecord(
                Topics.SEARCH,
                r -> r.contains(report) && r.contains("MissingPersonReportSubmitted"),
                Duration.ofSeconds(30));
        assertThat(onTopic)
                .doesNotContain(name)
                .doesNotContain(phone)
                .contains("\"enc\":\"v1\"")
                .contains("\"kid\":\"search:" + report + ":1\"")
                .contains("\"hometownCode\":\"430524\"");
        assertThat(((MissingPersonReportSubmitted)
                                sourcing.store().codec().readEnvelope(onTopic).payload())
                        .reporterPhone())
                .isEqualTo(phone);
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"" + reason + "\",\"occurredAt\":\"2018-04-01T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + report + "/withdrawal")
                .then()
                .statusCode(200);
        // the views hold them in clear, and the scan finds them there (so its finding nothing later means something)
        assertThat(hits(values))
                .anyMatch(h -> h.contains("missing_report\".\"reporter_phone"))
                .anyMatch(h -> h.contains("missing_report_history"))
                .anyMatch(h -> h.contains("idempotent_request"));

        // refused, nothing changed: no reason, blank reason, not ADMIN, unknown report
        long events = TestDatabases.eventCount(dataSource);
        problem(erase(report, "{}"), 400, "reason");
        problem(erase(report, "{\"reason\":\"  \"}"), 400, "reason");
        problem(
                given().header("Authorization", "Bearer " + TOKENS.token("staff-li", "SEARCH_TEAM", null))
                        .contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/missing-person-reports/" + report + "/erasure")
                        .then(),
                403,
                null);
        problem(erase(UUID.randomUUID().toString(), "{\"reason\":\"家属撤回\"}"), 404, null);
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(events);
        given().get("/api/missing-person-reports/" + report)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("erasure", nullValue());

        erase(report, "{\"reason\":\"家属撤回寻人登记，要求删除个人信息\"}")
                .statusCode(200)
                .body("reportId", equalTo(report))
                .body("name", nullValue())
                .body("status", equalTo("WITHDRAWN"))
                .body("erasure.erasedBy", equalTo("admin-user"))
                .body("erasure.reason", equalTo("家属撤回寻人登记，要求删除个人信息"))
                .body("erasure.erasedAt", notNullValue());

        assertThat(hits(values)).isEmpty();
        String read = given().get("/api/missing-person-reports/" + report)
                .then()
                .statusCode(200)
                .body("name", nullValue())
                .body("otherNames", empty())
                .body("reporter.phone", nullValue())
                .body("reporter.kind", equalTo("FAMILY"))
                .body("sex", equalTo("MALE"))
                .body("birthYear", equalTo(1963))
                .body("hometownCode", equalTo("430524"))
                .body("lastSeenOn", equalTo("2018-02-20"))
                .body("history.status", equalTo(List.of("OPEN", "WITHDRAWN")))
                .body("history[1].note", nullValue())
                .extract()
                .asString();
        // proposed for no one, on either side
        given().get("/api/missing-person-reports/" + report + "/candidates")
                .then()
                .statusCode(200)
                .body("", empty());
        given().get("/api/persons/" + person + "/candidates")
                .then()
                .statusCode(200)
                .body("reportId", not(hasItem(report)));
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM candidate_pair WHERE report_id = ?::uuid")) {
            ps.setString(1, report);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        // the topic keeps ciphertext that no key opens any more
        assertThat(((MissingPersonReportSubmitted)
                                sourcing.store().codec().readEnvelope(onTopic).payload())
                        .reporterPhone())
                .isNull();
        KafkaTestClient.awaitRecord(
                Topics.SEARCH,
                r -> r.contains(report) && r.contains("MissingPersonReportErased"),
                Duration.ofSeconds(30));

        // once only, and nothing more is recorded about it
        events = TestDatabases.eventCount(dataSource);
        problem(erase(report, "{\"reason\":\"again\"}"), 409, "reportId");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"x\"}")
                        .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/exclusion")
                        .then(),
                409,
                "reportId");
        assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(events);

        // rebuilt from the store (values read as null), the read model is the same
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        assertThat(given().get("/api/missing-person-reports/" + report)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(read);
        assertThat(hits(values)).isEmpty();
    }

    @Test
    void a_residents_erasure_clears_the_leads_about_them_and_their_key_in_search() throws Exception {
        String summary = "家属" + distinct(3) + "认出照片", by = distinct(3), contacted = distinct(3) + "村委会";
        List<String> values = List.of(summary, by, contacted);
        UUID person = resident(null);
        String caseId = given().queryParam("personId", person)
                .get("/api/search-cases")
                .then()
                .extract()
                .<List<String>>path("caseId")
                .get(0);
        String lead = given().contentType(ContentType.JSON)
                .body("{\"channel\":\"STAFF_INQUIRY\",\"summary\":\"" + summary + "\",\"reportedBy\":\"" + by + "\"}")
                .post("/api/search-cases/" + caseId + "/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("leadId");
        given().contentType(ContentType.JSON)
                .body("{\"outcome\":\"REJECTED\",\"contacted\":[\"" + contacted + "\"]}")
                .post("/api/search-cases/" + caseId + "/leads/" + lead + "/verification")
                .then()
                .statusCode(200);
        assertThat(hits(values)).noneMatch(h -> h.contains("event_store")).anyMatch(h -> h.contains("\"lead\""));

        send("person", person, new PersonErased(person, "家属撤回"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(hits(values)).isEmpty());
        given().get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("leads[0].channel", equalTo("STAFF_INQUIRY"))
                .body("leads[0].verification", equalTo("REJECTED"))
                .body("leads[0].summary", nullValue())
                .body("leads[0].reportedBy", nullValue());
        // search's key of the person is destroyed: the lead's events read null, and a rebuild reads the same
        given().post("/api/admin/read-models/rebuild").then().statusCode(200);
        given().get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("leads[0].summary", nullValue())
                .body("leads[0].verification", equalTo("REJECTED"));
        assertThat(hits(values)).isEmpty();
    }

    private List<String> hits(List<String> values) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return PersonalDataScan.find(c, values, List.of());
        }
    }

    private static ValidatableResponse erase(String report, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/missing-person-reports/" + report + "/erasure")
                .then();
    }

    /** An unidentified resident admitted on 1 March 2018, as intake announces one, with an optional nickname. */
    private static UUID resident(String nickname) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        send("person", person, new PersonRegistered(person, null, Sex.MALE, 55, false, null, null));
        send("stay", stay, new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false));
        if (nickname != null) {
            send(
                    "person",
                    person,
                    new IdentityFragmentRecorded(
                            person,
                            UUID.randomUUID(),
                            FragmentKind.NICKNAME,
                            nickname,
                            FragmentSource.STAFF,
                            "staff-li"));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !given().queryParam("personId", person)
                        .get("/api/search-cases")
                        .then()
                        .extract()
                        .<List<String>>path("caseId")
                        .isEmpty());
        return person;
    }

    private static void send(String streamType, UUID streamId, DomainEvent payload) {
        IntakeAnnouncements.announce(streamType, streamId, payload, OffsetDateTime.parse(ADMITTED));
    }
}
