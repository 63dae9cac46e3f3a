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
 * fresh database, all on the build's Kafka broker under topics of their own. {@link #get()} is one
 * instance of each, started once per test JVM and shared by the end-to-end tests; {@link #start}
 * starts a platform of its own with several instances of each service (each service's instances
 * share its database and consumer groups, as when scaled out), which its test stops.
 */
final class RunningPlatform {
    static final List<String> SERVICES = List.of("intake", "search", "outreach", "reporting");
    private static RunningPlatform instance;

    /** The first instance of each service. */
    final Map<String, String> urls = new LinkedHashMap<>();
    /** Each service's database (JDBC URL), and the prefix of the platform's topics. */
    final Map<String, String> databases = new LinkedHashMap<>();

    String topicPrefix;
    private final List<Map<String, String>> instances = new ArrayList<>();
    private final Map<String, List<Process>> processes = new LinkedHashMap<>();
    private final String label;

    private RunningPlatform(String label) {
        this.label = label;
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            instance = new RunningPlatform("acceptance");
            instance.start(1);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** A platform of its own, {@code count} instances of each service; the caller stops it. */
    static RunningPlatform start(String label, int count) {
        RunningPlatform platform = new RunningPlatform(label);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop));
        platform.start(count);
        return platform;
    }

    /** A client with an ADMIN token. */
    HomewardClient client() {
        return new HomewardClient(urls, Tokens.forTests().token("scenario-admin", "ADMIN", null));
    }

    /** The base URLs of instance {@code index} of each service. */
    Map<String, String> instance(int index) {
        return instances.get(index);
    }

    /** Kills instance {@code index} of a service as a crash would: no shutdown hooks, no goodbye to the broker. */
    void kill(String service, int index) {
        Process p = processes.get(service).get(index);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(int count) {
        Path root = Path.of(System.getProperty("homeward.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path logs = root.resolve("acceptance/target/platform-logs");
        String prefix = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        topicPrefix = prefix;
        String kafka = TestKafka.bootstrapServers();
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                databases.put(service, TestDatabases.fresh("homeward_" + label + "_" + service));
            }
            // one instance of each at a time: the first migrates each database, the next ones find it ready
            for (int i = 0; i < count; i++) {
                Map<String, String> urlsOfInstance = new LinkedHashMap<>();
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (String service : SERVICES) { // known before any starts: intake asks outreach for keys
                    ports.put(service, freePort());
                }
                for (String service : SERVICES) {
                    Path jar = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
                    if (!Files.exists(jar)) {
                        throw new IllegalStateException(
                                jar + " is missing: package the services first (mvn verify does)");
                    }
                    int port = ports.get(service);
                    ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx384m", "-jar", jar.toString());
                    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
                    pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", databases.get(service));
                    pb.environment().put("QUARKUS_DATASOURCE_USERNAME", TestDatabases.user());
                    pb.environment().put("HOMEWARD_KAFKA", kafka);
                    pb.environment().put("HOMEWARD_TOPIC_PREFIX", prefix);
                    pb.environment()
                            .put(
                                    "HOMEWARD_JWT_PUBLIC_KEY",
                                    Tokens.forTests().publicKey().toUri().toString());
                    if (urlsOfInstance.containsKey(
                            "intake")) { // reporting forwards the dashboard's name look-ups there
                        pb.environment().put("HOMEWARD_INTAKE_URL", urlsOfInstance.get("intake"));
                    }
                    // intake opens the names of street cases referred to it with keys outreach hands out
                    pb.environment().put("HOMEWARD_OUTREACH_URL", "http://127.0.0.1:" + ports.get("outreach"));
                    // one master key for the installation: search opens intake's sealed values with keys intake hands
                    // out
                    pb.environment()
                            .put(
                                    "HOMEWARD_MASTER_KEY_FILE",
                                    logs.resolveSibling("platform-keys/" + prefix + ".key")
                                            .toString());
                    String name = count == 1 ? service : service + "-" + i;
                    File log = logs.resolve(label.equals("acceptance") ? name + ".log" : label + "-" + name + ".log")
                            .toFile();
                    pb.redirectErrorStream(true).redirectOutput(log);
                    processes.computeIfAbsent(service, s -> new ArrayList<>()).add(pb.start());
                    urlsOfInstance.put(service, "http://127.0.0.1:" + port);
                }
                instances.add(urlsOfInstance);
                awaitReady(urlsOfInstance, logs);
            }
            urls.putAll(instances.get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(Map<String, String> urlsOfInstance, Path logs) {
        HomewardClient client =
                new HomewardClient(urlsOfInstance, Tokens.forTests().token("scenario-admin", "ADMIN", null));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        try {
            for (String service : SERVICES) {
                while (client.status(service, "/q/health/ready") != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(service + "-service did not become ready; see " + logs);
                    }
                    Thread.sleep(250);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        List<Process> all = processes.values().stream().flatMap(List::stream).toList();
        all.forEach(Process::destroy);
        for (Process p : all) {
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
