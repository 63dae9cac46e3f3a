package org.homeward.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Random;
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
    static final Random RANDOM = new Random();
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

    private static String distinct(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (0x4E00 + RANDOM.nextInt(0x5000)));
        }
        return s.toString();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }
}
