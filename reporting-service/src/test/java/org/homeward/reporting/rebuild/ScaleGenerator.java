package org.homeward.reporting.rebuild;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.flywaydb.core.Flyway;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.reporting.facts.FactProjector;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.testsupport.LocalKafka;
import org.homeward.testsupport.TestDatabases;

/**
 * Loads the national scale data set: a seeded {@link NationalHistory} is published on the three topics of a
 * broker of its own, then reporting-service's own {@link Rebuilder} (ADR 29) applies it into the facts of a
 * database of its own, {@code homeward_scale} (dropped and made again), which {@code ./homeward scale-bench}
 * then reads. The broker and its data are deleted at the end; the facts stay.
 * <p>
 * Run: {@code ./homeward scale-gen [stays] [seed]} (default 1,000,000 stays over 2,000 stations, seed 16).
 */
public final class ScaleGenerator {
    static final String DATABASE = "homeward_scale";

    public static void main(String[] args) throws Exception {
        long stays = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 16;
        int stations = 2_000;
        String prefix = "scale";
        Path kafkaDir = Files.createTempDirectory("homeward-scale-kafka-");
        long started = System.nanoTime();
        try (LocalKafka kafka = new LocalKafka(kafkaDir, freePort(), freePort()).start()) {
            String servers = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(List.of(
                                new NewTopic(prefix + ".intake", 3, (short) 1),
                                new NewTopic(prefix + ".search", 3, (short) 1),
                                new NewTopic(prefix + ".outreach", 3, (short) 1)))
                        .all()
                        .get();
            }
            long t0 = System.nanoTime();
            long events;
            try (SyntheticHistory.Publisher publisher = new SyntheticHistory.Publisher(servers)) {
                new NationalHistory(seed, prefix, publisher, stations).generate(stays);
                events = publisher.sent();
            }
            System.out.printf(
                    "Published %,d events for %,d stays over %,d stations (seed %d) in %.0f s%n",
                    events, stays, stations, seed, (System.nanoTime() - t0) / 1e9);

            String url = TestDatabases.fresh(DATABASE);
            Flyway.configure()
                    .dataSource(url, TestDatabases.user(), "")
                    .locations("classpath:db/eventstore", "classpath:db/platform", "classpath:db/reporting")
                    .load()
                    .migrate();
            try (AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(cp -> cp.maxSize(4)
                            .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url)
                                    .principal(new NamePrincipal(TestDatabases.user()))
                                    .credential(new SimplePassword("")))))) {
                EventSourcing sourcing = new EventSourcing(ds, null);
                FactSchemas schemas = new FactSchemas(sourcing);
                schemas.ensureReady();
                Rebuilder rebuilder = new Rebuilder(
                        sourcing,
                        schemas,
                        new FactProjector(),
                        new IncomingEvents(sourcing),
                        new RebuildLease(ds),
                        new RebuildRuns(ds),
                        servers,
                        prefix);
                rebuilder.start();
                Rebuilder.Progress p;
                long lastPrint = 0;
                while (!"DONE".equals((p = rebuilder.progress()).state())) {
                    if (p.error() != null && !p.error().startsWith("waiting")) {
                        throw new IllegalStateException("The rebuild failed: " + p.error());
                    }
                    if (System.nanoTime() - lastPrint > 15e9) {
                        System.out.printf(
                                "  rebuild into %s: %,d / %,d events, %,.0f events/s%n",
                                p.target(), p.done(), p.total(), p.eventsPerSecond());
                        lastPrint = System.nanoTime();
                    }
                    Thread.sleep(500);
                }
                System.out.printf(
                        "Rebuilt the facts (%s) from the topics: %,d events, %,.0f events/s%n",
                        p.target(), p.done(), p.eventsPerSecond());
            }
            try (Connection c = DriverManager.getConnection(url, TestDatabases.user(), "");
                    Statement s = c.createStatement()) {
                String live;
                try (ResultSet rs = s.executeQuery("SELECT live FROM projection_state WHERE id = 1")) {
                    rs.next();
                    live = rs.getString(1);
                }
                for (String table : List.of(
                        "station",
                        "stay",
                        "success",
                        "notice",
                        "identity_confirmation",
                        "street_case",
                        "patrol",
                        "applied_event")) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + live + "." + table)) {
                        rs.next();
                        System.out.printf("  %-22s %,12d rows%n", table, rs.getLong(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                    rs.next();
                    System.out.printf(
                            "Database %s: %s. Total %.0f s.%n",
                            DATABASE, rs.getString(1), (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            try (var files = Files.walk(kafkaDir)) { // the topics are not needed once the facts are in
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
