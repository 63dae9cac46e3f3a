package org.homeward.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.homeward.events.Actor;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.platform.keys.MasterKey;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.sourcing.Sql;
import org.homeward.search.partnerfeed.PartnerFeedKeys;
import org.homeward.testsupport.BearerToken;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.KafkaTestClient;
import org.homeward.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partner feed as a partner meets it: each record signed with the partner's own secret, which the
 * partner reads from search-service and verifies with nothing but HMAC-SHA256; a tampered record or
 * another partner's secret does not verify; a rotation signs later records with the new key while
 * the older records still verify with the old one. Timestamps are RFC 3339 with seconds.
 */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_search_test"))
class PartnerFeedSignatureTest {
    static final Tokens TOKENS = Tokens.forTests();
    static final ObjectMapper JSON = new ObjectMapper();
    final String a = "fa-" + UUID.randomUUID().toString().substring(0, 6);
    final String b = "fb-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void asAdmin() {
        BearerToken.sendEveryRequestAs("ADMIN");
    }

    @Test
    void a_partner_verifies_its_records_and_rejects_a_tampered_one() throws Exception {
        for (String p : List.of(a, b)) {
            given().contentType(ContentType.JSON)
                    .body("{\"partnerId\":\"" + p + "\",\"name\":\"" + p + "\",\"kind\":\"NGO\"}")
                    .post("/api/partners")
                    .then()
                    .statusCode(201);
        }
        RequestSpecification partnerA = as(TOKENS.token(a + "-integration", "PARTNER", a));
        RequestSpecification partnerB = as(TOKENS.token(b + "-integration", "PARTNER", b));
        String caseId = openCase();
        String lead = lead(partnerA, caseId);

        ConsumerRecord<String, String> received = feedRecord(lead, "LEAD_RECEIVED");
        assertThat(received.key()).isEqualTo(a);
        assertThat(header(received, "eventType")).isEqualTo("search.PartnerFeedRecord");
        assertThat(header(received, "schemaVersion")).isEqualTo("1");
        JsonNode value = JSON.readTree(received.value());
        assertThat(value.path("type").asText()).isEqualTo("LEAD_RECEIVED");
        assertThat(value.path("partnerId").asText()).isEqualTo(a);
        // RFC 3339 with seconds, even when they are zero (the lead happened at 09:00 in Dongguan)
        assertThat(value.path("occurredAt").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
        assertThat(OffsetDateTime.parse(value.path("occurredAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2018-06-02T09:00:00+08:00").toInstant());
        assertThat(value.has("personId")).isFalse();

        String keyId = header(received, "X-Homeward-Key-Id");
        String secretA = partnerA.get("/api/partners/" + a + "/feed-keys/" + keyId)
                .then()
                .statusCode(200)
                .body("algorithm", equalTo("HMAC-SHA256"))
                .extract()
                .path("secret");
        String signature = header(received, "X-Homeward-Signature");
        assertThat(signature).matches("sha256=[0-9a-f]{64}");

        assertThat(verifies(secretA, received.value(), signature))
                .as("the partner's own secret verifies")
                .isTrue();
        String tampered = received.value().replace("LEAD_RECEIVED", "FAMILY_FOUND");
        assertThat(tampered).isNotEqualTo(received.value());
        assertThat(verifies(secretA, tampered, signature))
                .as("a changed record does not")
                .isFalse();
        String secretB = partnerB
                .get("/api/partners/" + b + "/feed-keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("keyId", Integer.class)
                .stream()
                .findFirst()
                .map(k -> partnerB.get("/api/partners/" + b + "/feed-keys/" + k)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("secret"))
                .orElseThrow();
        assertThat(secretB).isNotEqualTo(secretA);
        assertThat(verifies(secretB, received.value(), signature))
                .as("another partner's secret does not")
                .isFalse();

        // a partner reads and rotates only its own keys
        partnerB.get("/api/partners/" + a + "/feed-keys/" + keyId).then().statusCode(403);
        partnerB.post("/api/partners/" + a + "/feed-keys").then().statusCode(403);
        given().post("/api/partners/unknown-partner/feed-keys")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        // rotation: the next record is signed with the new key; the old record still verifies with the old one
        var rotated = partnerA.post("/api/partners/" + a + "/feed-keys")
                .then()
                .statusCode(201)
                .header(
                        "Location",
                        Matchers.endsWith("/api/partners/" + a + "/feed-keys/" + (Integer.parseInt(keyId) + 1)))
                .extract();
        String newSecret = rotated.path("secret");
        assertThat(newSecret).isNotEqualTo(secretA);
        given().contentType(ContentType.JSON)
                .body("{\"outcome\":\"CONFIRMED\"}")
                .post("/api/search-cases/" + caseId + "/leads/" + lead + "/verification")
                .then()
                .statusCode(200);
        ConsumerRecord<String, String> verified = feedRecord(lead, "LEAD_VERIFIED");
        assertThat(header(verified, "X-Homeward-Key-Id")).isEqualTo(Integer.toString(Integer.parseInt(keyId) + 1));
        assertThat(JSON.readTree(verified.value()).path("outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(verifies(newSecret, verified.value(), header(verified, "X-Homeward-Signature")))
                .isTrue();
        assertThat(verifies(secretA, verified.value(), header(verified, "X-Homeward-Signature")))
                .isFalse();
        assertThat(verifies(secretA, received.value(), signature)).isTrue();
        partnerA.get("/api/partners/" + a + "/feed-keys")
                .then()
                .statusCode(200)
                .body("keyId", Matchers.contains(Integer.parseInt(keyId), Integer.parseInt(keyId) + 1))
                .body("signing", Matchers.contains(false, true))
                .body("secret", Matchers.everyItem(Matchers.nullValue()));
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * Looking changes nothing: the first key is made with the registration, a GET only lists, and a
     * partner that has no key (registered before keys existed) gets one by POST, not by looking.
     */
    @Test
    void listing_keys_is_a_read_the_first_key_comes_with_the_registration() throws Exception {
        String p = "fc-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + p + "\",\"name\":\"" + p + "\",\"kind\":\"NGO\"}")
                .post("/api/partners")
                .then()
                .statusCode(201);
        RequestSpecification partner = as(TOKENS.token(p + "-integration", "PARTNER", p));
        String listed = partner.get("/api/partners/" + p + "/feed-keys")
                .then()
                .statusCode(200)
                .body("keyId", Matchers.contains(1))
                .body("signing", Matchers.contains(true))
                .body("createdBy", Matchers.contains("admin-user"))
                .extract()
                .asString();
        assertThat(partner.get("/api/partners/" + p + "/feed-keys")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(listed);
        assertThat(keysInDatabase(p)).isEqualTo(1);

        // a partner from before: no key; looking twice leaves it without one
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("DELETE FROM partner_feed_key WHERE partner_id = ?")) {
            s.setString(1, p);
            s.executeUpdate();
        }
        partner.get("/api/partners/" + p + "/feed-keys").then().statusCode(200).body("size()", equalTo(0));
        partner.get("/api/partners/" + p + "/feed-keys").then().statusCode(200).body("size()", equalTo(0));
        assertThat(keysInDatabase(p)).isZero();
        partner.post("/api/partners/" + p + "/feed-keys")
                .then()
                .statusCode(201)
                .body("keyId", equalTo(1))
                .header("Location", Matchers.endsWith("/api/partners/" + p + "/feed-keys/1"));
        assertThat(keysInDatabase(p)).isEqualTo(1);
    }

    @Inject
    PartnerFeedKeys feedKeys;

    @Inject
    PersonKeys keys;

    /**
     * A copy of the database signs nothing: the secret is sealed under the master key, bound to its partner
     * and key; a secret kept in clear from before is sealed at start, and a master key change re-seals.
     */
    @Test
    void secrets_are_sealed_at_rest() throws Exception {
        String p = "fs-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + p + "\",\"name\":\"" + p + "\",\"kind\":\"NGO\"}")
                .post("/api/partners")
                .then()
                .statusCode(201);
        String secret = given().get("/api/partners/" + p + "/feed-keys/1")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(row(c, p, 1))
                    .doesNotContain(secret)
                    .contains("secret=null", "master=" + keys.master().id());

            // a key written in clear before sealing: sealed by the start-up step, and it still signs the same
            Sql.update(
                    c,
                    "INSERT INTO partner_feed_key (partner_id, key_id, secret, created_by) VALUES (?, 2, ?, 'before')",
                    p,
                    "kept-in-clear");
            assertThat(feedKeys.sealClear(c)).isPositive();
            assertThat(row(c, p, 2)).doesNotContain("kept-in-clear").contains("secret=null");
            assertThat(feedKeys.find(c, p, 2).orElseThrow().secret()).isEqualTo("kept-in-clear");

            // a sealed secret moved to another row does not open there
            Sql.update(
                    c,
                    "UPDATE partner_feed_key SET sealed_secret = (SELECT sealed_secret FROM partner_feed_key "
                            + "WHERE partner_id = ? AND key_id = 1) WHERE partner_id = ? AND key_id = 2",
                    p,
                    p);
            assertThatThrownBy(() -> feedKeys.find(c, p, 2)).isInstanceOf(IllegalStateException.class);

            // a key under the previous master key is re-sealed under the current one
            MasterKey previous =
                    MasterKey.fromFile(Files.createTempDirectory("master").resolve("previous.key"));
            Sql.update(
                    c,
                    "UPDATE partner_feed_key SET sealed_secret = ?, master_key_id = ? WHERE partner_id = ? AND key_id = 2",
                    previous.seal(
                            "partner-feed-key:" + p + ":2", "under-the-old-master".getBytes(StandardCharsets.UTF_8)),
                    previous.id(),
                    p);
            assertThat(feedKeys.reseal(c, previous)).isEqualTo(1);
            assertThat(row(c, p, 2)).contains("master=" + keys.master().id());
            assertThat(feedKeys.find(c, p, 2).orElseThrow().secret()).isEqualTo("under-the-old-master");
            c.rollback();
        }
    }

    private static String row(Connection c, String partnerId, int keyId) throws Exception {
        return Sql.one(
                        c,
                        "SELECT 'secret=' || coalesce(secret, 'null') || ' sealed=' || encode(sealed_secret, 'escape') "
                                + "|| ' master=' || master_key_id FROM partner_feed_key WHERE partner_id = ? AND key_id = ?",
                        rs -> rs.getString(1),
                        partnerId,
                        keyId)
                .orElseThrow();
    }

    private int keysInDatabase(String partnerId) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM partner_feed_key WHERE partner_id = ?")) {
            s.setString(1, partnerId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** What the README tells a partner to do, in plain JDK: HMAC-SHA256 of the value's bytes, compared in constant time. */
    static boolean verifies(String secret, String value, String signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static ConsumerRecord<String, String> feedRecord(String lead, String type) {
        return KafkaTestClient.awaitConsumerRecord(
                Topics.PARTNER_FEED,
                r -> r.value().contains(lead) && r.value().contains("\"" + type + "\""),
                Duration.ofSeconds(30));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String openCase() {
        UUID person = UUID.randomUUID();
        UUID stay = UUID.randomUUID();
        PersonAdmitted admitted = new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(admitted),
                1,
                "stay",
                stay.toString(),
                1,
                OffsetDateTime.parse("2018-06-01T09:00:00+08:00"),
                OffsetDateTime.now(),
                Actor.SYSTEM,
                null,
                null,
                admitted);
        KafkaTestClient.send(Topics.INTAKE, stay.toString(), new EventCodec().envelopeJson(envelope));
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<String> ids = given().queryParam("personId", person)
                                    .get("/api/search-cases")
                                    .then()
                                    .extract()
                                    .path("caseId");
                            return ids.isEmpty() ? null : ids.get(0);
                        },
                        Objects::nonNull);
    }

    private String lead(RequestSpecification partner, String caseId) {
        return partner.contentType(ContentType.JSON)
                .body("{\"channel\":\"PARTNER\",\"partnerId\":\"" + a
                        + "\",\"summary\":\"线索\",\"occurredAt\":\"2018-06-02T09:00:00+08:00\"}")
                .post("/api/search-cases/" + caseId + "/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("leadId");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
