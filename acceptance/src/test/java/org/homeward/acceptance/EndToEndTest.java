package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One real flow through Kafka, across services, against the running platform. */
class EndToEndTest {
    final RunningPlatform platform = RunningPlatform.get();
    final HomewardClient api = platform.client();

    @Test
    void an_admission_posted_to_intake_appears_in_reportings_retention_figure() {
        api.post("intake", "/api/stations", Map.of("stationId", "skeleton", "name", "走查站"));
        api.post("intake", "/api/admissions", Map.of("person", Map.of("sex", "MALE", "identified", false),
                "stationId", "skeleton", "arrivalChannel", "POLICE", "occurredAt", "2016-01-01T10:00:00+08:00"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode retention = api.get("reporting", "/api/reports/retention?asOf=2016-06-01&stationId=skeleton");
            assertThat(retention.get("retained3Months").asLong()).isEqualTo(1);
            assertThat(retention.get("unidentifiedRetained3Months").asLong()).isEqualTo(1);
        });
    }

    @Test
    void a_street_case_brought_to_the_station_arrives_at_intake_as_an_expected_referral() {
        api.post("intake", "/api/stations", Map.of("stationId", "skeleton-referral", "name", "转介站"));
        // outreach learns the station from intake's topic; until then it refuses the programme (422 stationId)
        String program = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.post("outreach",
                "/api/programs", Map.of("name", "转介测试", "kind", "STAFF_PATROL", "stationId", "skeleton-referral"))
                .get("programId").asText(), id -> id != null && !id.isEmpty());
        String caseId = api.post("outreach", "/api/street-cases", Map.of("programId", program)).get("caseId").asText();
        String referral = api.post("outreach", "/api/street-cases/" + caseId + "/outcome",
                Map.of("outcome", "ADMITTED_TO_STATION")).get("referralId").asText();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode pending = api.get("intake", "/api/referrals?pending=true");
            assertThat(pending.findValuesAsText("referralId")).contains(referral);
        });
    }
}
