package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Names behind a drill-down, across the services as deployed: reporting's list holds ids only; the
 * dashboard asks reporting for the names of a page, reporting forwards the caller's own token to
 * intake, intake answers a role that may read persons and audits each person under the caller's
 * name; a report viewer gets 403 from both, and its attempt leaves no name look-up in the audit.
 */
class DrillDownNamesTest {
    final RunningPlatform platform = RunningPlatform.get();
    final HomewardClient api = platform.client();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void staff_see_the_names_of_a_drill_down_page_and_intake_audits_each_a_report_viewer_sees_none() throws Exception {
        String station = "names-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "姓名站"));
        String person = api.post(
                        "intake",
                        "/api/admissions",
                        Map.of(
                                "person",
                                Map.of("sex", "MALE", "identified", true, "name", "王强", "hometown", "湖南邵阳"),
                                "stationId",
                                station,
                                "arrivalChannel",
                                "POLICE",
                                "occurredAt",
                                "2017-03-01T10:00:00+08:00"))
                .get("personId")
                .asText();
        String members =
                "/api/reports/flow/members?from=2017-01-01&to=2018-01-01&figure=admissions&stationId=" + station;
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("reporting", members).findValuesAsText("personId"))
                        .containsExactly(person));
        assertThat(api.getText("reporting", members, "application/json")).doesNotContain("王强");

        String staff = Tokens.forTests().token("names-staff-" + station, "STATION_STAFF", null);
        HttpResponse<String> names = post("reporting", "/api/reports/person-names", person, staff);
        assertThat(names.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(names.body());
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).get("personId").asText()).isEqualTo(person);
        assertThat(answer.get(0).get("name").asText()).isEqualTo("王强");

        String viewer = Tokens.forTests().token("names-viewer-" + station, "REPORT_VIEWER", null);
        assertThat(post("reporting", "/api/reports/person-names", person, viewer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("intake", "/api/persons/names", person, viewer).statusCode())
                .isEqualTo(403);

        JsonNode audit = api.get("intake", "/api/audit?target=" + person);
        assertThat(audit.findValuesAsText("action")).contains("READ_PERSON_NAME");
        for (JsonNode entry : audit) {
            if (entry.get("action").asText().equals("READ_PERSON_NAME")) {
                assertThat(entry.get("subject").asText()).isEqualTo("names-staff-" + station);
                assertThat(entry.get("role").asText()).isEqualTo("STATION_STAFF");
                assertThat(entry.get("purpose").asText()).isEqualTo("STATISTICS");
            }
        }
        assertThat(audit.findValuesAsText("subject")).doesNotContain("names-viewer-" + station);
    }

    private HttpResponse<String> post(String service, String path, String person, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(platform.urls.get(service) + path))
                        .header("Authorization", "Bearer " + token)
                        .header("X-Purpose", "STATISTICS")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"personIds\":[\"" + person + "\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
