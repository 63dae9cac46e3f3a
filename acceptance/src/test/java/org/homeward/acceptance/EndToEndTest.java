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
        api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        Map.of("sex", "MALE", "identified", false),
                        "stationId",
                        "skeleton",
                        "arrivalChannel",
                        "POLICE",
                        "occurredAt",
                        "2016-01-01T10:00:00+08:00"));

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
        String program = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> api.post(
                                        "outreach",
                                        "/api/programs",
                                        Map.of(
                                                "name",
                                                "转介测试",
                                                "kind",
                                                "STAFF_PATROL",
                                                "stationId",
                                                "skeleton-referral"))
                                .get("programId")
                                .asText(),
                        id -> id != null && !id.isEmpty());
        String caseId = api.post("outreach", "/api/street-cases", Map.of("programId", program))
                .get("caseId")
                .asText();
        String referral = api.post(
                        "outreach",
                        "/api/street-cases/" + caseId + "/outcome",
                        Map.of("outcome", "ADMITTED_TO_STATION"))
                .get("referralId")
                .asText();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode pending = api.get("intake", "/api/referrals?pending=true");
            assertThat(pending.findValuesAsText("referralId")).contains(referral);
        });
    }

    @Test
    void a_street_case_linked_to_a_merged_resident_reads_as_the_survivor_in_outreach_until_the_merge_is_undone() {
        String station = "skeleton-merge";
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "合并站"));
        JsonNode survivor = api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        Map.of("name", "祁翀", "sex", "MALE", "identified", false),
                        "stationId",
                        station,
                        "arrivalChannel",
                        "POLICE",
                        "occurredAt",
                        "2016-01-01T10:00:00+08:00"));
        api.post(
                "intake",
                "/api/stays/" + survivor.get("stayId").asText() + "/discharge",
                Map.of(
                        "exitType",
                        "FAMILY_PICKUP",
                        "pickedUpBy",
                        "李梅",
                        "relation",
                        "女儿",
                        "occurredAt",
                        "2016-02-01T10:00:00+08:00"));
        JsonNode patient = api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        Map.of("name", "齐冲", "sex", "MALE", "identified", false),
                        "stationId",
                        station,
                        "arrivalChannel",
                        "POLICE",
                        "occurredAt",
                        "2016-06-01T10:00:00+08:00"));
        api.post(
                "intake",
                "/api/stays/" + patient.get("stayId").asText() + "/hospitalizations",
                Map.of("hospital", "市第三人民医院", "occurredAt", "2016-06-02T10:00:00+08:00"));
        String survivorId = survivor.get("personId").asText();
        String patientId = patient.get("personId").asText();
        String program = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> api.post(
                                        "outreach",
                                        "/api/programs",
                                        Map.of("name", "医院救助点", "kind", "HOSPITAL_POST", "stationId", station))
                                .get("programId")
                                .asText(),
                        id -> id != null && !id.isEmpty());
        String caseId = api.post(
                        "outreach",
                        "/api/street-cases",
                        Map.of("programId", program, "occurredAt", "2016-06-03T10:00:00+08:00"))
                .get("caseId")
                .asText();
        // outreach learns the patient's hospital stay from intake's topic; until then the link is refused (422)
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> api.post(
                                "outreach",
                                "/api/street-cases/" + caseId + "/resident",
                                Map.of("personId", patientId, "occurredAt", "2016-06-04T10:00:00+08:00"))
                        .get("residentPersonId")
                        .asText()
                        .equals(patientId));

        String mergeId = api.post(
                        "intake",
                        "/api/persons/" + survivorId + "/merges",
                        Map.of("mergedPersonId", patientId, "reason", "家属辨认：同一人"))
                .get("mergeId")
                .asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode cases = api.get("outreach", "/api/street-cases?personId=" + survivorId);
            assertThat(cases.findValuesAsText("caseId")).containsExactly(caseId);
            assertThat(cases.get(0).get("residentPersonId").asText()).isEqualTo(survivorId);
            assertThat(cases.get(0).get("linkedPersonId").asText()).isEqualTo(patientId);
        });

        api.post("intake", "/api/persons/" + survivorId + "/merges/" + mergeId + "/undo", Map.of("reason", "不是同一人"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(api.get("outreach", "/api/street-cases/" + caseId)
                            .get("residentPersonId")
                            .asText())
                    .isEqualTo(patientId);
            assertThat(api.get("outreach", "/api/street-cases?personId=" + survivorId)
                            .findValuesAsText("caseId"))
                    .isEmpty();
            assertThat(api.get("outreach", "/api/street-cases?personId=" + patientId)
                            .findValuesAsText("caseId"))
                    .containsExactly(caseId);
        });
    }
}
