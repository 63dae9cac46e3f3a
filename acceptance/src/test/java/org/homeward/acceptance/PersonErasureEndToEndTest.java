package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.homeward.testsupport.RandomText.digits;
import static org.homeward.testsupport.RandomText.distinct;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.homeward.testsupport.PersonalDataScan;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * Erasure by crypto-shredding across the platform (ADR 33): a person admitted with distinctive values
 * flows to search (which opens intake's sealed values with a key intake hands out), reporting and the
 * topics; after the erasure no value of theirs is in any table of any service's database or in any
 * record of any topic, and every report reads exactly as before.
 */
class PersonErasureEndToEndTest {
    final RunningPlatform platform = RunningPlatform.get();
    final HomewardClient api = platform.client();

    @Test
    void after_an_erasure_no_personal_value_is_in_any_database_or_topic_and_every_report_is_unchanged()
            throws Exception {
        String station = "erasure-" + UUID.randomUUID().toString().substring(0, 6);
        String name = distinct(3),
                nickname = distinct(2),
                hometown = "贵州省" + distinct(2) + "县",
                phone = "138" + digits(8);
        String about = "右手缺无名指" + distinct(3), hair = "卷发" + distinct(2), mark = "背上有" + distinct(2) + "字纹身";
        List<String> values = List.of(name, nickname, hometown, phone, about, hair, mark);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "删除测试站"));
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", name);
        person.put("sex", "MALE");
        person.put("estimatedAge", 52);
        person.put("identified", false);
        person.put("hometown", hometown);
        person.put("description", about);
        JsonNode admitted = api.post(
                "intake",
                "/api/admissions",
                Map.of(
                        "person",
                        person,
                        "stationId",
                        station,
                        "arrivalChannel",
                        "POLICE",
                        "occurredAt",
                        "2018-03-01T10:00:00+08:00"));
        String personId = admitted.get("personId").asText();
        api.post("intake", "/api/persons/" + personId + "/fragments", Map.of("kind", "NICKNAME", "value", nickname));
        api.post("intake", "/api/persons/" + personId + "/fragments", Map.of("kind", "PHONE", "value", phone));
        api.post(
                "intake",
                "/api/persons/" + personId + "/description",
                Map.of(
                        "hair",
                        hair,
                        "languages",
                        List.of("贵州话"),
                        "marks",
                        List.of(Map.of("kind", "TATTOO", "bodyLocation", "背", "text", mark)),
                        "occurredAt",
                        "2018-03-02T10:00:00+08:00"));

        // search-service opened the sealed values with intake's key: its resident facts hold them for matching
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(scan("search", List.of(name, nickname, mark)))
                        .hasSize(3));
        // the search case the unidentified admission opened, and reporting's figures
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("search", "/api/search-cases?personId=" + personId)
                                .toString())
                        .contains("caseId"));
        List<String> reports = List.of(
                "/api/reports/retention?asOf=2018-08-01&stationId=" + station,
                "/api/reports/retention-change?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/flow?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/family-search?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/at-risk?asOf=2018-08-01&stationId=" + station,
                "/api/reports/retention/members?asOf=2018-08-01&figure=retained3Months&stationId=" + station,
                "/api/reports/annual?year=2018&stationId=" + station);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("reporting", reports.get(0))
                                .get("retained3Months")
                                .asLong())
                        .isEqualTo(1));
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String report : reports) {
            before.put(report, api.get("reporting", report));
        }
        assertThat(platformWide(values, List.of())).isNotEmpty(); // the scans do find values where they are

        JsonNode erasure = api.post("intake", "/api/persons/" + personId + "/erasure", Map.of("reason", "家属撤回寻人登记"));
        assertThat(erasure.get("reason").asText()).isEqualTo("家属撤回寻人登记");

        // every consumer has taken the erasure in: search cleared its copies, reporting applied the event
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(scan("search", values)).isEmpty();
            assertThat(reportingApplied(personId, "intake.PersonErased")).isTrue();
        });
        assertThat(platformWide(values, List.of())).isEmpty();
        assertThat(topicRecordsContaining(values)).isEmpty();
        for (String report : reports) {
            assertThat(api.get("reporting", report)).as(report).isEqualTo(before.get(report));
        }
        JsonNode record = api.get("intake", "/api/persons/" + personId);
        assertThat(record.path("person").path("name").isMissingNode()
                        || record.path("person").path("name").isNull())
                .isTrue();
        assertThat(record.path("erasure").path("reason").asText()).isEqualTo("家属撤回寻人登记");
    }

    /**
     * Search's and outreach's own personal data (ADR 35): a family's missing-person report erased on its own,
     * and a street case that brought a person to the station erased with that person; afterwards none of the
     * report's, its reporter's or the street case's values is in any database or topic, and every report
     * (outreach's figures included) reads byte for byte as before.
     */
    @Test
    void a_reports_and_a_street_cases_values_are_nowhere_after_their_erasures_and_every_report_is_unchanged()
            throws Exception {
        String station = "erasure-sc-" + UUID.randomUUID().toString().substring(0, 6);
        String missing = distinct(3), alias = distinct(2) + "伢子", reporter = distinct(3), phone = "139" + digits(8);
        String hometown = "四川省" + distinct(2) + "县", lastSeen = distinct(3) + "车站", about = "额头有疤" + distinct(3);
        String withdrawn = "家属在" + distinct(3) + "找到";
        String caseAbout = "右腿跛" + distinct(3), caseName = distinct(3), caseHometown = "云南" + distinct(2) + "村";
        List<String> reportValues = List.of(missing, alias, reporter, phone, hometown, lastSeen, about, withdrawn);
        List<String> caseValues = List.of(caseAbout, caseName, caseHometown);
        List<String> values = new ArrayList<>(reportValues);
        values.addAll(caseValues);
        api.post("intake", "/api/stations", Map.of("stationId", station, "name", "删除测试站二"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("reporter", Map.of("kind", "FAMILY", "name", reporter, "relation", "女儿", "phone", phone));
        report.put("name", missing);
        report.put("otherNames", List.of(alias));
        report.put("sex", "MALE");
        report.put("birthYear", 1970);
        report.put("hometown", hometown);
        report.put("lastSeenOn", "2018-02-20");
        report.put("lastSeenPlace", lastSeen);
        report.put("description", about);
        report.put("occurredAt", "2018-03-05T10:00:00+08:00");
        String reportId = api.post("search", "/api/missing-person-reports", report)
                .get("reportId")
                .asText();
        api.post(
                "search",
                "/api/missing-person-reports/" + reportId + "/withdrawal",
                Map.of("reason", withdrawn, "occurredAt", "2018-04-01T10:00:00+08:00"));

        // a man met on the street, brought to the station: the referral becomes his admission
        String program = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> api.post(
                                        "outreach",
                                        "/api/programs",
                                        Map.of(
                                                "name",
                                                "街面救助",
                                                "kind",
                                                "STAFF_PATROL",
                                                "stationId",
                                                station,
                                                "occurredAt",
                                                "2018-01-01T10:00:00+08:00"))
                                .get("programId")
                                .asText(),
                        id -> id != null && !id.isEmpty());
        String caseId = api.post(
                        "outreach",
                        "/api/street-cases",
                        Map.of(
                                "programId",
                                program,
                                "location",
                                "东城汽车站",
                                "description",
                                caseAbout,
                                "occurredAt",
                                "2018-03-01T08:00:00+08:00"))
                .get("caseId")
                .asText();
        api.post(
                "outreach",
                "/api/street-cases/" + caseId + "/identification",
                Map.of("name", caseName, "hometown", caseHometown, "occurredAt", "2018-03-01T09:00:00+08:00"));
        String referral = api.post(
                        "outreach",
                        "/api/street-cases/" + caseId + "/outcome",
                        Map.of("outcome", "ADMITTED_TO_STATION", "occurredAt", "2018-03-01T10:00:00+08:00"))
                .get("referralId")
                .asText();
        // intake opened the name with outreach's key: the expected arrival shows it
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("intake", "/api/referrals?pending=true&stationId=" + station)
                                .toString())
                        .contains(referral)
                        .contains(caseName));
        String personId = api.post(
                        "intake",
                        "/api/admissions",
                        Map.of(
                                "person",
                                Map.of("sex", "MALE", "estimatedAge", 40, "identified", false),
                                "stationId",
                                station,
                                "arrivalChannel",
                                "OUTREACH_REFERRAL",
                                "referralId",
                                referral,
                                "occurredAt",
                                "2018-03-01T12:00:00+08:00"))
                .get("personId")
                .asText();

        List<String> reports = List.of(
                "/api/reports/retention?asOf=2018-08-01&stationId=" + station,
                "/api/reports/flow?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/family-search?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/outreach?from=2018-01-01&to=2019-01-01&stationId=" + station,
                "/api/reports/retention/members?asOf=2018-08-01&figure=retained3Months&stationId=" + station,
                "/api/reports/annual?year=2018&stationId=" + station);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("reporting", reports.get(0))
                                .get("retained3Months")
                                .asLong())
                        .isEqualTo(1));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(reportingApplied(caseId, "outreach.OutcomeRecorded"))
                        .isTrue());
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String r : reports) {
            before.put(r, api.get("reporting", r));
        }
        assertThat(platformWide(values, List.of()))
                .anyMatch(h -> h.startsWith("search"))
                .anyMatch(h -> h.startsWith("outreach"))
                .anyMatch(h -> h.startsWith("intake")); // the referral's name

        JsonNode erased = api.post(
                "search", "/api/missing-person-reports/" + reportId + "/erasure", Map.of("reason", "家属撤回寻人登记"));
        assertThat(erased.path("name").isNull() || erased.path("name").isMissingNode())
                .isTrue();
        assertThat(erased.path("erasure").path("reason").asText()).isEqualTo("家属撤回寻人登记");
        api.post("intake", "/api/persons/" + personId + "/erasure", Map.of("reason", "本人要求删除个人信息"));

        // outreach takes the person's erasure in from intake's topic
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(scan("outreach", caseValues)).isEmpty();
            assertThat(reportingApplied(personId, "intake.PersonErased")).isTrue();
        });
        assertThat(platformWide(values, List.of())).isEmpty();
        assertThat(topicRecordsContaining(values)).isEmpty();
        for (String r : reports) {
            assertThat(api.get("reporting", r)).as(r).isEqualTo(before.get(r));
        }
        assertThat(api.get("outreach", "/api/street-cases/" + caseId)
                        .get("outcome")
                        .asText())
                .isEqualTo("ADMITTED_TO_STATION");
    }

    private List<String> platformWide(List<String> values, List<byte[]> raw) throws SQLException {
        List<String> hits = new ArrayList<>();
        for (String service : RunningPlatform.SERVICES) {
            scan(service, values).forEach(h -> hits.add(service + " " + h));
        }
        return hits;
    }

    private List<String> scan(String service, List<String> values) throws SQLException {
        return PersonalDataScan.find(platform.databases.get(service), TestDatabases.user(), values, List.of());
    }

    private boolean reportingApplied(String streamId, String eventType) throws SQLException {
        try (Connection c =
                DriverManager.getConnection(platform.databases.get("reporting"), TestDatabases.user(), "")) {
            List<String> schemas = new ArrayList<>();
            try (var rs = c.createStatement()
                    .executeQuery(
                            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'applied_event' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            for (String schema : schemas) {
                try (var ps = c.prepareStatement(
                        "SELECT 1 FROM \"" + schema + "\".applied_event WHERE stream_id = ? AND event_type = ?")) {
                    ps.setString(1, streamId);
                    ps.setString(2, eventType);
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /** Every record of every topic of the platform (domain topics, dead letters, the partner feed), from the beginning. */
    private List<String> topicRecordsContaining(List<String> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> hits = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic :
                    consumer.listTopics().entrySet()) {
                if (topic.getKey().startsWith(platform.topicPrefix + ".")) {
                    topic.getValue()
                            .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            assertThat(partitions).extracting(TopicPartition::topic).contains(platform.topicPrefix + ".intake");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    for (String value : values) {
                        if ((r.value() != null && r.value().contains(value))
                                || (r.key() != null && r.key().contains(value))) {
                            hits.add(r.topic() + "@" + r.offset() + ": " + value);
                        }
                    }
                }
            }
            assertThat(records).isPositive();
        }
        return hits;
    }
}
