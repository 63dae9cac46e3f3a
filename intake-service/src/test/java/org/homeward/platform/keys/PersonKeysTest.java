package org.homeward.platform.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.homeward.events.personal.DataKey;
import org.homeward.testsupport.HomewardServiceResource;
import org.junit.jupiter.api.Test;

/** The key table (ADR 33): keys handed only to holders of the master key, destroyed for good, re-wrapped on a new master key. */
@QuarkusTest
@QuarkusTestResource(
        value = HomewardServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "homeward_intake_test"))
class PersonKeysTest {
    @Inject
    PersonKeys keys;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_holder_of_the_master_key_gets_the_wrapped_key_until_it_is_destroyed() throws Exception {
        UUID subject = UUID.randomUUID();
        DataKey key = keys.sealing(subject).orElseThrow();
        assertThat(key.id()).isEqualTo("intake:" + subject + ":1");

        String wrapped = given().header(
                        KeyResource.PROOF_HEADER, proof(key.id(), Instant.now().getEpochSecond()))
                .get("/internal/keys/" + key.id())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(keys.master().unwrap(key.id(), Base64.getDecoder().decode(wrapped.strip())))
                .isEqualTo(key.key());

        String other = DataKey.id("intake", UUID.randomUUID(), 1);
        given().get("/internal/keys/" + key.id()).then().statusCode(401);
        given().header(KeyResource.PROOF_HEADER, proof(other, Instant.now().getEpochSecond()))
                .get("/internal/keys/" + key.id())
                .then()
                .statusCode(401);
        given().header(KeyResource.PROOF_HEADER, proof(key.id(), Instant.now().getEpochSecond() - 3600))
                .get("/internal/keys/" + key.id())
                .then()
                .statusCode(401);
        given().header(KeyResource.PROOF_HEADER, proof(other, Instant.now().getEpochSecond()))
                .get("/internal/keys/" + other)
                .then()
                .statusCode(404);

        try (Connection c = dataSource.getConnection()) {
            keys.destroy(c, List.of(subject));
        }
        keys.forget(List.of(subject));

        given().header(KeyResource.PROOF_HEADER, proof(key.id(), Instant.now().getEpochSecond()))
                .get("/internal/keys/" + key.id())
                .then()
                .statusCode(410);
        assertThat(keys.opening(key.id())).isEmpty();
        assertThat(keys.sealing(subject)).isEmpty(); // never a new key for an erased subject
    }

    @Test
    void a_new_master_key_re_wraps_every_key_under_the_old_one() throws Exception {
        Path dir = Files.createTempDirectory("master-keys");
        Path oldMaster = dir.resolve("old.key");
        PersonKeys underOld = new PersonKeys(dataSource, ConfigProvider.getConfig(), "rotation", oldMaster.toString());
        DataKey key = underOld.sealing(UUID.randomUUID()).orElseThrow();
        PersonKeys underNew = new PersonKeys(
                dataSource,
                ConfigProvider.getConfig(),
                "rotation",
                dir.resolve("new.key").toString());
        assertThat(underNew.master().id()).isNotEqualTo(underOld.master().id());
        assertThatThrownBy(() -> underNew.opening(key.id())).hasMessageContaining("does not unwrap");

        int rewrapped;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            rewrapped = underNew.reseal(c, MasterKey.fromFile(oldMaster));
            c.commit();
        }

        assertThat(rewrapped).isPositive();
        assertThat(new PersonKeys(
                                dataSource,
                                ConfigProvider.getConfig(),
                                "rotation",
                                dir.resolve("new.key").toString())
                        .opening(key.id()))
                .contains(key.key());
    }

    private String proof(String keyId, long at) {
        return at + ":" + keys.master().proof(keyId, at);
    }
}
