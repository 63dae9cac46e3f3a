package org.homeward.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test a fresh database of its own, the build's Kafka broker and the test key pair
 * its tokens are verified with. Init arg
 * {@code database} names the database.
 */
public class HomewardServiceResource implements QuarkusTestResourceLifecycleManager {
    private String database = "homeward_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String url = TestDatabases.fresh(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", TestDatabases.user(),
                "kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                "mp.jwt.verify.publickey.location",
                        Tokens.forTests().publicKey().toUri().toString());
    }

    @Override
    public void stop() {
        // the broker is shared by the whole run; the database is dropped by the next run
    }
}
