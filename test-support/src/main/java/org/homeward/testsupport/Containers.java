package org.homeward.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka from Testcontainers, for a machine with a Docker engine: chosen by
 * {@code -Ptestcontainers} (system property {@code homeward.testcontainers=true}) or
 * {@code HOMEWARD_TESTCONTAINERS=true}. Without either, nothing here runs and the tests use the local
 * PostgreSQL and the build's KRaft broker ({@code ./homeward test}, the CI default). One container of each
 * per test JVM, started on first use, so a module's tests share them as they share the local ones.
 */
public final class Containers {
    /** The same major versions as the no-Docker path: PostgreSQL 15, and the kafka_2.13 release the build runs. */
    static final DockerImageName POSTGRES = DockerImageName.parse("postgres:15-alpine");

    static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.2");

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;

    /** Whether this run asked for Testcontainers; asked for without a Docker engine is an error, not a silent fallback. */
    public static boolean requested() {
        String property = System.getProperty("homeward.testcontainers");
        String env = System.getenv("HOMEWARD_TESTCONTAINERS");
        boolean asked = "true".equalsIgnoreCase(property) || "true".equalsIgnoreCase(env);
        if (asked && !dockerAvailable()) {
            throw new IllegalStateException(
                    "Testcontainers were asked for (-Ptestcontainers or HOMEWARD_TESTCONTAINERS=true) "
                            + "but no Docker engine answers here: run ./homeward test, which needs none");
        }
        return asked;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** host:port of the PostgreSQL container, user postgres with trust authentication like the local server. */
    public static synchronized String postgresHostPort() {
        if (postgres == null) {
            PostgreSQLContainer started = new PostgreSQLContainer(POSTGRES)
                    .withUsername("postgres")
                    .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
            started.start();
            postgres = started;
        }
        return postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    /** Bootstrap servers of the KRaft broker container. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            KafkaContainer started = new KafkaContainer(KAFKA);
            started.start();
            kafka = started;
        }
        return kafka.getBootstrapServers();
    }

    private Containers() {}
}
