package org.homeward.testsupport;

/**
 * The broker a test run talks to: the one named by {@code HOMEWARD_KAFKA} (./homeward test starts
 * one per build), or else one started in this JVM on first use and shared by every test in it; a Testcontainers
 * broker instead when the run asks for one ({@link Containers}).
 */
public final class TestKafka {
    private static LocalKafka local;

    public static synchronized String bootstrapServers() {
        if (Containers.requested()) {
            return Containers.kafkaBootstrapServers();
        }
        String given = System.getenv("HOMEWARD_KAFKA");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (local == null) {
            local = LocalKafka.onFreePorts().start();
            Runtime.getRuntime().addShutdownHook(new Thread(local::stop));
        }
        return local.bootstrapServers();
    }

    private TestKafka() {}
}
