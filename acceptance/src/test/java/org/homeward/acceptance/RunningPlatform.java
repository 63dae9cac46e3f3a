package org.homeward.acceptance;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homeward.testsupport.TestDatabases;
import org.homeward.testsupport.TestKafka;
import org.homeward.testsupport.Tokens;

/**
 * The four packaged services started as processes, as in production, on free ports, each with a
 * fresh database, all on the build's Kafka broker under topics of their own. Started once per
 * test JVM and shared by the end-to-end tests.
 */
final class RunningPlatform {
    static final List<String> SERVICES = List.of("intake", "search", "outreach", "reporting");
    private static RunningPlatform instance;

    final Map<String, String> urls = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    static synchronized RunningPlatform get() {
        if (instance == null) {
            instance = new RunningPlatform();
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** A client with an ADMIN token. */
    HomewardClient client() {
        return new HomewardClient(urls, Tokens.forTests().token("scenario-admin", "ADMIN", null));
    }

    private void start() {
        Path root = Path.of(System.getProperty("homeward.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("acceptance/target/platform-logs");
        String prefix = "acceptance-" + UUID.randomUUID().toString().substring(0, 8);
        String kafka = TestKafka.bootstrapServers();
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                Path jar = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
                }
                int port = freePort();
                ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx384m", "-jar", jar.toString());
                pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
                pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", TestDatabases.fresh("homeward_acceptance_" + service));
                pb.environment().put("QUARKUS_DATASOURCE_USERNAME", TestDatabases.user());
                pb.environment().put("HOMEWARD_KAFKA", kafka);
                pb.environment().put("HOMEWARD_TOPIC_PREFIX", prefix);
                pb.environment().put("HOMEWARD_JWT_PUBLIC_KEY", Tokens.forTests().publicKey().toUri().toString());
                File log = logs.resolve(service + ".log").toFile();
                pb.redirectErrorStream(true).redirectOutput(log);
                processes.add(pb.start());
                urls.put(service, "http://127.0.0.1:" + port);
            }
            HomewardClient client = client();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (String service : SERVICES) {
                while (client.status(service, "/q/health/ready") != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(service + "-service did not become ready; see " + logs);
                    }
                    Thread.sleep(250);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
