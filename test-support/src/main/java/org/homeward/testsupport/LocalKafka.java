package org.homeward.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode, from Maven Central's kafka_2.13, in this JVM.
 * Used by {@code ./homeward up} (as a process of its own) and by tests. Restartable on the same
 * port and data, so tests can take the broker away and bring it back.
 */
public final class LocalKafka implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public LocalKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A broker on free ports with its data in a new folder under {@code java.io.tmpdir}. */
    public static LocalKafka onFreePorts() {
        try {
            Path dir = Files.createTempDirectory("kafka-");
            return new LocalKafka(dir, freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        Properties props = properties();
        format(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", "1000");
        return p;
    }

    private void format(Properties props) {
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
                return; // formatted before: keep the data across restarts
            }
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "Homeward local Kafka");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = StorageTool.execute(
                    new String[] {"format", "-t", "homeward-local-kafka1", "-c", config.toString(), "--ignore-formatted"
                    },
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException(
                        "Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java LocalKafka DATA_DIR [PORT [CONTROLLER_PORT]]}: runs until killed. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/kafka");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controller = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
        LocalKafka kafka = new LocalKafka(dir, port, controller).start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        System.out.println("Kafka (KRaft) listening on " + kafka.bootstrapServers() + ", data in " + dir);
        Thread.currentThread().join();
    }
}
