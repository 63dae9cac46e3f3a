package org.homeward.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read endpoint of intake × every role, and tokens that name no known role: who gets an
 * answer, and what of the person's health and identity fragments each answer shows (the field
 * policy of README's security section, applied to read models and history alike).
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class ReadMatrixTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final String HOSPITAL = "市第三人民医院-" + UUID.randomUUID().toString().substring(0, 6);
    static final String FRAGMENT = "阿强-" + UUID.randomUUID().toString().substring(0, 6);
    /** A disability in the person's description: health data. */
    static final String DISABILITY = "听力障碍-" + UUID.randomUUID().toString().substring(0, 6);

    static final List<String> ROLES = List.of(
            "STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "OUTREACH_WORKER", "PARTNER", "REPORT_VIEWER", "ADMIN");
    static final Set<String> MAY_SEE_HEALTH = Set.of("STATION_STAFF", "ADMIN");
    static final Set<String> MAY_SEE_FRAGMENTS = Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN");

    /** Each GET endpoint, the roles that may call it, what shows its health data (null: none), whether it shows fragments. */
    record Endpoint(String name, String path, Set<String> roles, String healthShows, boolean carriesFragments) {}

    static final Set<String> ANY_ROLE = Set.copyOf(ROLES);

    static Fixture fixture;

    record Fixture(String station, String person, String stay, String photo) {}

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    static List<Endpoint> endpoints(Fixture f) {
        return List.of(
                new Endpoint("stations", "/api/stations", ANY_ROLE, null, false),
                new Endpoint("station", "/api/stations/" + f.station(), ANY_ROLE, null, false),
                new Endpoint(
                        "person",
                        "/api/persons/" + f.person(),
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN"),
                        HOSPITAL,
                        true),
                new Endpoint(
                        "history",
                        "/api/persons/" + f.person() + "/history",
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "ADMIN"),
                        HOSPITAL,
                        true),
                new Endpoint(
                        "open stays",
                        "/api/stays?open=true&stationId=" + f.station(),
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "ADMIN"),
                        "\"inHospital\":true",
                        false),
                new Endpoint(
                        "stay",
                        "/api/stays/" + f.stay(),
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "ADMIN"),
                        HOSPITAL,
                        false),
                new Endpoint(
                        "referrals",
                        "/api/referrals?pending=true",
                        Set.of("STATION_STAFF", "OUTREACH_WORKER", "ADMIN"),
                        null,
                        false),
                new Endpoint(
                        "description",
                        "/api/persons/" + f.person() + "/description",
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN"),
                        DISABILITY,
                        false),
                new Endpoint(
                        "photos",
                        "/api/persons/" + f.person() + "/photos",
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN"),
                        null,
                        false),
                new Endpoint(
                        "photo",
                        "/api/persons/" + f.person() + "/photos/" + f.photo(),
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN"),
                        null,
                        false),
                new Endpoint(
                        "person search",
                        "/api/persons?name=" + FRAGMENT + "&stationId=" + f.station(),
                        Set.of("STATION_STAFF", "SEARCH_TEAM", "POLICE_LIAISON", "ADMIN"),
                        null,
                        true),
                new Endpoint("audit", "/api/audit?target=" + f.person(), Set.of("ADMIN"), null, false));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String endpoint : List.of(
                "stations",
                "station",
                "person",
                "history",
                "open stays",
                "stay",
                "referrals",
                "description",
                "photos",
                "photo",
                "person search",
                "audit")) {
            for (String role : ROLES) {
                cases.add(Arguments.of(endpoint, role));
            }
            for (String noRole : TOKENS.withoutAKnownRole().keySet()) {
                cases.add(Arguments.of(endpoint, noRole));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void each_read_answers_by_role_and_shows_only_what_the_field_policy_allows(String endpointName, String role) {
        Fixture f = fixture();
        Endpoint endpoint = endpoints(f).stream()
                .filter(e -> e.name().equals(endpointName))
                .findFirst()
                .orElseThrow();
        Map<String, String> roleless = TOKENS.withoutAKnownRole();
        String token = roleless.containsKey(role)
                ? roleless.get(role)
                : TOKENS.token(role.toLowerCase() + "-matrix", role, role.equals("PARTNER") ? "rangaihuijia" : null);

        Response response = given().header("Authorization", "Bearer " + token).get(endpoint.path());

        if (!endpoint.roles().contains(role)) {
            assertThat(response.statusCode()).as(endpointName + " as " + role).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            return;
        }
        assertThat(response.statusCode()).as(endpointName + " as " + role).isEqualTo(200);
        String body = response.asString();
        if (endpoint.healthShows() != null && MAY_SEE_HEALTH.contains(role)) {
            assertThat(body).as("health data for " + role).contains(endpoint.healthShows());
        }
        if (!MAY_SEE_HEALTH.contains(role)) {
            assertThat(body)
                    .as("no health data for " + role)
                    .doesNotContain(HOSPITAL)
                    .doesNotContain("inHospital")
                    .doesNotContain("ospitalisation")
                    .doesNotContain(DISABILITY)
                    .doesNotContain("DescriptionRecorded");
        }
        if (endpoint.carriesFragments()) {
            if (MAY_SEE_FRAGMENTS.contains(role)) {
                assertThat(body).contains(FRAGMENT);
            } else {
                assertThat(body).doesNotContain(FRAGMENT);
            }
        }
    }

    /** One person, admitted, in hospital now, with an identity fragment, a description naming a disability and a photo. */
    static synchronized Fixture fixture() {
        if (fixture == null) {
            String station = "mx-" + UUID.randomUUID().toString().substring(0, 8);
            given().contentType(ContentType.JSON)
                    .body("{\"stationId\":\"" + station + "\",\"name\":\"站\"}")
                    .post("/api/stations")
                    .then()
                    .statusCode(201);
            Map<String, Object> admitted = given().contentType(ContentType.JSON)
                    .body("{\"person\":{\"sex\":\"MALE\",\"identified\":false},\"stationId\":\"" + station
                            + "\",\"arrivalChannel\":\"POLICE\",\"occurredAt\":\"2018-06-01T09:00:00+08:00\"}")
                    .post("/api/admissions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .as(LinkedHashMap.class);
            String person = (String) admitted.get("personId");
            String stay = (String) admitted.get("stayId");
            given().contentType(ContentType.JSON)
                    .body("{\"hospital\":\"" + HOSPITAL + "\",\"occurredAt\":\"2018-06-02T09:00:00+08:00\"}")
                    .post("/api/stays/" + stay + "/hospitalizations")
                    .then()
                    .statusCode(201);
            given().contentType(ContentType.JSON)
                    .body("{\"kind\":\"NICKNAME\",\"value\":\"" + FRAGMENT + "\"}")
                    .post("/api/persons/" + person + "/fragments")
                    .then()
                    .statusCode(201);
            given().contentType(ContentType.JSON)
                    .body("{\"heightMinCm\":160,\"disabilities\":[\"" + DISABILITY + "\"]}")
                    .post("/api/persons/" + person + "/description")
                    .then()
                    .statusCode(201);
            String photo = given().contentType("image/png")
                    .body(DescriptionPhotoApiTest.png(500))
                    .post("/api/persons/" + person + "/photos")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("sha256");
            fixture = new Fixture(station, person, stay, photo);
        }
        return fixture;
    }
}
