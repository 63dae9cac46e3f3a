package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.homeward.events.DomainEvent;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.PersonEvent.IdentityFragmentRecorded;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.IntakeAnnouncements;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candidates between missing-person reports and residents, computed from what intake told
 * search-service: ranked with explanations, excluded until new evidence raises them, turned into
 * leads under the channel of the report's source.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class CandidateApiTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String ADMITTED = "2018-03-01T09:00:00+08:00";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void an_excluded_candidate_does_not_come_back_until_a_new_fragment_raises_it_and_then_becomes_a_lead() {
        String family = "王" + hanzi();
        // given a resident known only as 阿<given name>, a man of about 55, admitted on 1 March 2018
        UUID person = resident(Sex.MALE, 55, "阿" + family.substring(1));
        String report = submit(
                "{\"reporter\":{\"kind\":\"FAMILY\",\"name\":\"王小红\",\"relation\":\"女儿\",\"phone\":\"13800000000\"},"
                        + "\"name\":\"" + family + "\",\"sex\":\"MALE\",\"birthYear\":1963,\"hometown\":\"湖南省邵阳市隆回县\","
                        + "\"lastSeenOn\":\"2018-02-20\",\"occurredAt\":\"2018-03-05T10:00:00+08:00\"}");

        // then the report proposes him, and he is proposed the report, with the reasons
        int first = (Integer) candidate(report, person).get("score");
        candidatesOf(report)
                .body(
                        "find { it.personId == '" + person
                                + "' }.components.find { it.component == 'name' }.explanation",
                        containsString("小名“阿"));
        given().get("/api/persons/" + person + "/candidates")
                .then()
                .statusCode(200)
                .body("reportId", hasItem(report));

        // when the team excludes him, he is not proposed again, nor can become a lead, nor be excluded twice
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"口音是东北的，不是湖南人\",\"occurredAt\":\"2018-03-06T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/exclusion")
                .then()
                .statusCode(201)
                .body("score", equalTo(first))
                .body("excludedBy", not(equalTo(null)));
        candidatesOf(report).body("personId", not(hasItem(person.toString())));
        given().get("/api/persons/" + person + "/candidates").then().body("reportId", not(hasItem(report)));
        given().get("/api/missing-person-reports/" + report)
                .then()
                .body("exclusions[0].reason", equalTo("口音是东北的，不是湖南人"));
        long before = TestDatabases.eventCount(dataSource);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/lead")
                        .then(),
                422,
                "personId");
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"again\"}")
                .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/exclusion")
                .then()
                .statusCode(409);
        Assertions.assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);

        // a new fragment with his county raises the pair past the margin: he is proposed again, marked so
        fragment(person, FragmentKind.HOMETOWN, "湖南隆回");
        Map<String, Object> back = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> candidatesOf(report)
                                .extract()
                                .<Map<String, Object>>path("find { it.personId == '" + person + "' }"),
                        Objects::nonNull);
        Assertions.assertThat((Integer) back.get("score")).isGreaterThanOrEqualTo(first + 10);
        Assertions.assertThat(back.get("reproposed")).isEqualTo(true);
        Assertions.assertThat(back.get("excludedAtScore")).isEqualTo(first);

        // and becomes a lead on his search case under the family's channel: the station's own inquiry
        String caseId = (String) back.get("caseId");
        given().contentType(ContentType.JSON)
                .body("{\"summary\":\"请核实\",\"occurredAt\":\"2018-03-08T10:00:00+08:00\"}")
                .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/lead")
                .then()
                .statusCode(201)
                .body("channel", equalTo("STAFF_INQUIRY"))
                .body("caseId", equalTo(caseId));
        given().get("/api/search-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("leads[0].channel", equalTo("STAFF_INQUIRY"))
                // the report by id and what agreed, none of its values: an erased report leaves nothing here
                .body("leads[0].summary", containsString("寻人登记 " + report))
                .body("leads[0].summary", containsString("姓名+"))
                .body("leads[0].summary", containsString("请核实"))
                .body("leads[0].summary", not(containsString(family)))
                .body("leads[0].summary", not(containsString("隆回")));
        given().get("/api/missing-person-reports/" + report)
                .then()
                .body("leads[0].personId", equalTo(person.toString()));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/missing-person-reports/" + report + "/candidates/" + person + "/lead")
                .then()
                .statusCode(409);
    }

    @Test
    void a_new_fragment_re_ranks_and_a_homophone_with_the_right_county_comes_first() {
        String given = hanzi();
        UUID homophone = resident(Sex.MALE, 40, null);
        UUID exact = resident(Sex.MALE, 40, null);
        fragment(exact, FragmentKind.NAME, "汪" + given);
        fragment(exact, FragmentKind.HOMETOWN, "四川南充");
        fragment(homophone, FragmentKind.NAME, "王" + given);
        String report = submit("{\"reporter\":{\"kind\":\"POLICE\"},\"name\":\"汪" + given
                + "\",\"sex\":\"MALE\",\"ageWhenLastSeen\":40,"
                + "\"hometown\":\"湖南省邵阳市隆回县\",\"lastSeenOn\":\"2018-02-01\"}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids(report).indexOf(exact.toString()) == 0
                        && ids(report).contains(homophone.toString()));

        fragment(homophone, FragmentKind.HOMETOWN, "隆回县");
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(report).indexOf(homophone.toString()) == 0);
        candidatesOf(report)
                .body("[0].components.find { it.component == 'hometown' }.explanation", containsString("隆回"))
                .body("[0].components.find { it.component == 'name' }.explanation", containsString("同音"));
    }

    @Test
    void a_fragment_that_makes_a_strong_candidate_puts_it_on_the_weekly_review_agenda() {
        String name = "王" + hanzi();
        String station = "st-" + UUID.randomUUID().toString().substring(0, 6);
        // given an unidentified man of about 55 admitted at a station of his own, and a report for a man born in 1963
        UUID person = UUID.randomUUID();
        send("person", person, new PersonRegistered(person, null, Sex.MALE, 55, false, null, null));
        send(
                "stay",
                UUID.randomUUID(),
                new PersonAdmitted(UUID.randomUUID(), person, station, ArrivalChannel.POLICE, null, false));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !given().queryParam("stationId", station)
                        .queryParam("asOf", "2018-03-07")
                        .get("/api/review-agenda")
                        .then()
                        .extract()
                        .<List<String>>path("caseId")
                        .isEmpty());
        String report = submit(
                "{\"reporter\":{\"kind\":\"POLICE\"},\"name\":\"" + name + "\",\"sex\":\"MALE\",\"birthYear\":1963,"
                        + "\"hometown\":\"湖南省邵阳市隆回县\",\"lastSeenOn\":\"2018-02-20\",\"occurredAt\":\"2018-02-25T10:00:00+08:00\"}");
        // with nothing in common yet, the agenda shows no new candidate for his case
        agendaOf(station, "2018-03-07").body("[0].newStrongCandidates", Matchers.empty());

        // when staff hear his name (the fragment is recorded on 1 March, in business time)
        fragment(person, FragmentKind.NAME, name);

        // then the re-scored pair is a strong candidate, listed on the agenda of the week that follows
        await().atMost(Duration.ofSeconds(30))
                .until(() -> agendaOf(station, "2018-03-07")
                                .extract()
                                .<List<Object>>path("[0].newStrongCandidates")
                                .size()
                        == 1);
        agendaOf(station, "2018-03-07")
                .body("[0].personId", equalTo(person.toString()))
                .body("[0].newStrongCandidates[0].reportId", equalTo(report))
                .body("[0].newStrongCandidates[0].reportName", equalTo(name))
                .body("[0].newStrongCandidates[0].score", Matchers.greaterThanOrEqualTo(60));
        // and no longer as new three weeks later
        agendaOf(station, "2018-03-22").body("[0].newStrongCandidates", Matchers.empty());
    }

    @Test
    void a_description_with_the_dialect_heard_re_scores_the_pair() {
        String name = "王" + hanzi();
        UUID person = resident(Sex.MALE, 55, null);
        fragment(person, FragmentKind.NAME, name);
        String report = submit(
                "{\"reporter\":{\"kind\":\"POLICE\"},\"name\":\"" + name + "\",\"sex\":\"MALE\",\"birthYear\":1963,"
                        + "\"hometownCode\":\"430524\",\"lastSeenOn\":\"2018-02-20\"}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> candidatesOf(report)
                        .extract()
                        .<List<String>>path("personId")
                        .contains(person.toString()));
        String dialect = "find { it.personId == '" + person + "' }.components.find { it.component == 'dialect' }";
        candidatesOf(report).body(dialect + ".points", equalTo(0));

        // when intake records his description, with the speech staff heard (湘语: spoken in 湖南)
        send(
                "person",
                person,
                new PersonEvent.DescriptionRecorded(
                        person, 165, 170, null, null, List.of(), List.of(), List.of("湘语"), null));

        // then the pair is re-scored with the accent consistent with the county's province
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Integer.valueOf(5).equals(candidatesOf(report).extract().path(dialect + ".points")));
        candidatesOf(report).body(dialect + ".explanation", containsString("湖南省"));
    }

    private static ValidatableResponse agendaOf(String station, String asOf) {
        return given().queryParam("stationId", station)
                .queryParam("asOf", asOf)
                .get("/api/review-agenda")
                .then()
                .statusCode(200);
    }

    @Test
    void a_partners_report_becomes_a_partner_lead_and_an_imported_one_a_national_network_lead() {
        String partner = "pc-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + partner + "\",\"name\":\"宝贝回家\",\"kind\":\"NGO\"}")
                .post("/api/partners")
                .then()
                .statusCode(201);
        String name = "李" + hanzi();
        UUID person = resident(Sex.FEMALE, 30, null);
        fragment(person, FragmentKind.NAME, name);
        String byPartner = submit(
                TOKENS.token(partner + "-web", "PARTNER", partner),
                "{\"reporter\":{\"kind\":\"PARTNER\"},\"name\":\"" + name
                        + "\",\"sex\":\"FEMALE\",\"birthYear\":1988,\"lastSeenOn\":\"2017-12-01\"}");
        String imported = submit(
                "{\"reporter\":{\"kind\":\"IMPORTED\",\"source\":\"全国寻亲网\",\"sourceReference\":\"XQ-1\"},\"name\":\""
                        + name + "\",\"sex\":\"FEMALE\",\"birthYear\":1988,\"lastSeenOn\":\"2017-12-01\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(byPartner).contains(person.toString()));

        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/missing-person-reports/" + byPartner + "/candidates/" + person + "/lead")
                .then()
                .statusCode(201)
                .body("channel", equalTo("PARTNER"))
                .body("partnerId", equalTo(partner));
        String caseId = given().get("/api/search-cases?personId=" + person)
                .then()
                .extract()
                .path("[0].caseId");
        given().get("/api/search-cases/" + caseId)
                .then()
                .body("leads.find { it.channel == 'PARTNER' }.partnerId", equalTo(partner));
        // a lead needs the pair to be proposed... and the imported report's pair is
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/missing-person-reports/" + imported + "/candidates/" + person + "/lead")
                .then()
                .statusCode(201)
                .body("channel", equalTo("NATIONAL_NETWORK"));
        // a partner reads no candidates: they are about residents
        given().header("Authorization", "Bearer " + TOKENS.token(partner + "-web", "PARTNER", partner))
                .get("/api/missing-person-reports/" + byPartner + "/candidates")
                .then()
                .statusCode(403);
    }

    @Test
    void excluding_an_unknown_pair_is_problem_json_naming_it_and_nothing_is_stored() {
        String report = submit("{\"reporter\":{\"kind\":\"POLICE\"},\"name\":\"赵" + hanzi()
                + "\",\"sex\":\"MALE\",\"lastSeenOn\":\"2018-01-01\"}");
        long before = TestDatabases.eventCount(dataSource);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"reason\":\"不是\"}")
                        .post("/api/missing-person-reports/" + report + "/candidates/" + UUID.randomUUID()
                                + "/exclusion")
                        .then(),
                422,
                "personId");
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"不是\"}")
                .post("/api/missing-person-reports/" + UUID.randomUUID() + "/candidates/" + UUID.randomUUID()
                        + "/exclusion")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/missing-person-reports/" + report + "/candidates/" + UUID.randomUUID()
                                + "/exclusion")
                        .then(),
                400,
                "reason");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/missing-person-reports/" + report + "/candidates/" + UUID.randomUUID() + "/lead")
                        .then(),
                422,
                "personId");
        problem(given().get("/api/persons/not-a-uuid/candidates").then(), 400, "personId");
        given().get("/api/persons/" + UUID.randomUUID() + "/candidates").then().statusCode(404);
        Assertions.assertThat(TestDatabases.eventCount(dataSource)).isEqualTo(before);
    }

    // ---- helpers ----

    private static List<String> ids(String report) {
        return given().queryParam("limit", 100)
                .get("/api/missing-person-reports/" + report + "/candidates")
                .then()
                .statusCode(200)
                .extract()
                .path("personId");
    }

    private static ValidatableResponse candidatesOf(String report) {
        return given().queryParam("limit", 100)
                .get("/api/missing-person-reports/" + report + "/candidates")
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> candidate(String report, UUID person) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> candidatesOf(report)
                                .extract()
                                .<Map<String, Object>>path("find { it.personId == '" + person + "' }"),
                        Objects::nonNull);
    }

    /** An unidentified resident admitted on 1 March 2018, as intake announces one, with an optional nickname. */
    private static UUID resident(Sex sex, int age, String nickname) {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        send("person", person, new PersonRegistered(person, null, sex, age, false, null, null));
        send("stay", stay, new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false));
        if (nickname != null) {
            fragment(person, FragmentKind.NICKNAME, nickname);
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

    private static void fragment(UUID person, FragmentKind kind, String value) {
        send(
                "person",
                person,
                new IdentityFragmentRecorded(person, UUID.randomUUID(), kind, value, FragmentSource.STAFF, "staff-li"));
    }

    private static void send(String streamType, UUID streamId, DomainEvent payload) {
        IntakeAnnouncements.announce(streamType, streamId, payload, OffsetDateTime.parse(ADMITTED));
    }

    private static String submit(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/missing-person-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("reportId");
    }

    private static String submit(String token, String body) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/missing-person-reports")
                .then()
                .statusCode(201)
                .extract()
                .path("reportId");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    /** A given name nobody else in the test database has: two rare characters. */
    private static String hanzi() {
        Random random = new Random();
        return new String(
                new char[] {(char) (0x4E00 + random.nextInt(0x5000)), (char) (0x4E00 + random.nextInt(0x5000))});
    }
}
