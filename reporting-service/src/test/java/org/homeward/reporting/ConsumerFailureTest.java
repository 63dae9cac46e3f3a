package org.homeward.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.TcpProxy;
import org.homeward.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database outage is waited out, never dead-lettered; a record bad on its own merits is
 * dead-lettered with its reason, shows as drift, and can be inspected and replayed.
 */
@QuarkusTest
@QuarkusTestResource(
        value = FlakyDatabaseResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "homeward_reporting_outage_test"))
class ConsumerFailureTest {
    static final OffsetDateTime JAN_2020 = OffsetDateTime.of(2020, 1, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    // Topics of this test's own (FlakyDatabaseResource): records left by earlier runs on a shared broker stay out.
    static final String PREFIX = ConfigProvider.getConfig().getValue("homeward.topic-prefix", String.class);
    static final String INTAKE = PREFIX + ".intake";
    static final String DLQ = PREFIX + ".dlq.reporting";
    TcpProxy database; // injected by FlakyDatabaseResource

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void admissions_sent_while_the_database_is_down_are_all_counted_once_it_is_back_and_none_is_dead_lettered()
            throws Exception {
        String station = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> sent = new ArrayList<>();
        admit(station, 5, sent);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inStation(station)).isEqualTo(5));

        database.cut();
        try {
            admit(station, 40, sent);
            // The consumer now waits for the database; readiness says so.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath health = given().get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .extract()
                        .jsonPath();
                assertThat(health.getString("checks.find { it.name == 'event-consumers' }.status"))
                        .isEqualTo("DOWN");
            });
            Thread.sleep(5_000); // longer than the three quick attempts that used to dead-letter a record
        } finally {
            database.restore();
        }

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(inStation(station)).isEqualTo(45));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        List<String> deadEventIds = given().get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("eventId", String.class);
        assertThat(deadEventIds)
                .doesNotContainAnyElementsOf(sent.stream().map(UUID::toString).toList());
        given().get("/api/admin/reconciliation?fresh=true")
                .then()
                .statusCode(200)
                .body(
                        "channels.find { it.channel == 'intake-events' }.missing.eventId",
                        Matchers.not(Matchers.hasItems(
                                sent.stream().map(UUID::toString).toArray())));
    }

    @Test
    void a_record_bad_on_its_own_merits_is_dead_lettered_with_its_reason_shows_as_drift_and_is_refused_on_replay() {
        EventEnvelope bad =
                envelope(UUID.randomUUID().toString(), new IdentityConfirmed(null, "名", "乡")); // person_id NOT NULL
        KafkaTestClient.send(INTAKE, bad.streamId(), new EventCodec().envelopeJson(bad));

        JsonPath letter = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(bad.eventId()), l -> l != null);
        assertThat(letter.getString("sourceTopic")).isEqualTo(INTAKE);
        assertThat(letter.getString("reason")).isNotBlank();
        String path =
                "/api/admin/dead-letters/" + DLQ + "/" + letter.getInt("partition") + "/" + letter.getLong("offset");
        given().get(path)
                .then()
                .statusCode(200)
                .body("record", Matchers.containsString(bad.eventId().toString()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/admin/reconciliation?fresh=true")
                        .then()
                        .statusCode(200)
                        .body(
                                "channels.find { it.channel == 'intake-events' }.missing.eventId",
                                Matchers.hasItem(bad.eventId().toString())));
        given().get("/q/health").then().statusCode(503);

        given().post(path + "/replay")
                .then()
                .statusCode(422)
                .contentType(Matchers.startsWith("application/problem+json"));
    }

    @Test
    void
            a_poll_with_bad_records_applies_the_others_once_and_dead_letters_only_the_bad_ones_and_comes_again_harmlessly() {
        String station = "poll-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString(); // one key, one produce request: one partition, one poll
        List<EventEnvelope> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(envelope(
                    key,
                    new PersonAdmitted(
                            UUID.randomUUID(), UUID.randomUUID(), station, ArrivalChannel.POLICE, null, false)));
        }
        EventEnvelope bad = envelope(key, new IdentityConfirmed(null, "名", "乡")); // fails in the transaction
        String junk = "not an event " + UUID.randomUUID(); // cannot be read at all
        EventCodec codec = new EventCodec();
        // one poll whose transaction fails on the bad record, then one whose junk cannot even be read
        List<String> first = List.of(
                codec.envelopeJson(good.get(0)),
                codec.envelopeJson(good.get(1)),
                codec.envelopeJson(bad),
                codec.envelopeJson(good.get(2)));
        KafkaTestClient.sendTogether(INTAKE, key, first);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inStation(station)).isEqualTo(3));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(bad.eventId()), l -> l != null);
        KafkaTestClient.sendTogether(INTAKE, key, List.of(junk, codec.envelopeJson(good.get(3))));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inStation(station)).isEqualTo(4));
        KafkaTestClient.awaitRecord(DLQ, r -> r.equals(junk), Duration.ofSeconds(30));
        List<String> dead = given().get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("eventId", String.class);
        assertThat(dead)
                .doesNotContainAnyElementsOf(
                        good.stream().map(e -> e.eventId().toString()).toList());

        // the same poll again (a redelivery after a crash before the offsets were committed), then one
        // admission more behind it on the same partition: only that one counts
        List<String> again = new ArrayList<>();
        good.forEach(e -> again.add(codec.envelopeJson(e)));
        again.add(codec.envelopeJson(envelope(
                key,
                new PersonAdmitted(
                        UUID.randomUUID(), UUID.randomUUID(), station, ArrivalChannel.POLICE, null, false))));
        KafkaTestClient.sendTogether(INTAKE, key, again);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inStation(station)).isGreaterThanOrEqualTo(5));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(inStation(station)).isEqualTo(5));
    }

    @Test
    void a_dead_letter_from_before_the_fix_is_replayed_once_and_counted() throws Exception {
        String station = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope lost = envelope(
                UUID.randomUUID().toString(),
                new PersonAdmitted(UUID.randomUUID(), UUID.randomUUID(), station, ArrivalChannel.POLICE, null, false));
        // As the old consumer left it: on the dead-letter topic, with the connector's headers.
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r =
                    new ProducerRecord<>(DLQ, lost.streamId(), new EventCodec().envelopeJson(lost));
            r.headers().add("dead-letter-reason", "Connection refused".getBytes(StandardCharsets.UTF_8));
            r.headers().add("dead-letter-topic", INTAKE.getBytes(StandardCharsets.UTF_8));
            r.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
            r.headers().add("dead-letter-offset", "0".getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        }
        JsonPath letter =
                await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(lost.eventId()), l -> l != null);
        assertThat(letter.getString("replayedAt")).isNull();
        assertThat(inStation(station)).isZero();

        String replay = "/api/admin/dead-letters/" + DLQ + "/" + letter.getInt("partition") + "/"
                + letter.getLong("offset") + "/replay";
        given().post(replay).then().statusCode(200).body("applied", equalTo(true));
        assertThat(inStation(station)).isEqualTo(1);
        given().post(replay).then().statusCode(409); // once only
        assertThat(inStation(station)).isEqualTo(1);
        assertThat(deadLetter(lost.eventId()).getString("replayedBy")).isNotBlank();
    }

    private static JsonPath deadLetter(UUID eventId) {
        List<Map<String, Object>> all = given().get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(m -> eventId.toString().equals(m.get("eventId")))
                .findFirst()
                .map(m -> new JsonPath(new ObjectMapper().valueToTree(m).toString()))
                .orElse(null);
    }

    private static void admit(String station, int count, List<UUID> sent) {
        for (int i = 0; i < count; i++) {
            EventEnvelope e = envelope(
                    UUID.randomUUID().toString(),
                    new PersonAdmitted(
                            UUID.randomUUID(), UUID.randomUUID(), station, ArrivalChannel.POLICE, null, false));
            KafkaTestClient.send(INTAKE, e.streamId(), new EventCodec().envelopeJson(e));
            sent.add(e.eventId());
        }
    }

    private static int inStation(String station) {
        return given().queryParam("asOf", "2020-02-01")
                .queryParam("stationId", station)
                .get("/api/reports/retention")
                .then()
                .statusCode(200)
                .extract()
                .path("inStation");
    }

    private static EventEnvelope envelope(String stream, DomainEvent payload) {
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(payload),
                1,
                "stay",
                stream,
                1,
                JAN_2020,
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                payload);
    }
}
