package org.homeward.reporting.rebuild;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.homeward.events.EventEnvelope;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.reporting.facts.FactProjector;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.testsupport.LocalKafka;
import org.homeward.testsupport.TestDatabases;

/**
 * The projection rebuild from the topics, outside the service: a seeded national-style history
 * ({@link SyntheticHistory}) on a broker of its own (three partitions per topic), the reporting
 * schema in a database of its own ({@code homeward_rebuild_bench}, dropped and recreated), then the
 * service's {@link Rebuilder} beside two yardsticks measured in the same run: reading and decoding the
 * same records without writing, and the previous path (one transaction per poll, one statement per
 * fact, as the live feed applies an event). Prints events/s; asserts nothing.
 * <p>
 * Run: {@code ./homeward rebuild-bench [people]} (default 40,000 people, about 330,000 events).
 */
public final class RebuildBenchmark {
    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6);
        try (LocalKafka kafka = LocalKafka.onFreePorts().start()) {
            String servers = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(List.of(
                                new NewTopic(prefix + ".intake", 3, (short) 1),
                                new NewTopic(prefix + ".search", 3, (short) 1),
                                new NewTopic(prefix + ".outreach", 3, (short) 1)))
                        .all()
                        .get();
            }
            List<ProducerRecord<String, String>> records = new SyntheticHistory(42, prefix).generate(200, people);
            long t0 = System.nanoTime();
            SyntheticHistory.publish(servers, records);
            System.out.printf(
                    "Published %,d events for %,d people in %.1f s (3 topics x 3 partitions)%n",
                    records.size(), people, (System.nanoTime() - t0) / 1e9);

            String url = TestDatabases.fresh("homeward_rebuild_bench");
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
                IncomingEvents incoming = new IncomingEvents(sourcing);
                FactSchemas schemas = new FactSchemas(sourcing);
                FactProjector projector = new FactProjector();
                schemas.ensureReady();

                double decode = decodeRate(servers, prefix, incoming);
                double previous = previousPathRate(servers, prefix, incoming, sourcing, projector, 60_000);
                Rebuilder rebuilder = new Rebuilder(
                        sourcing,
                        schemas,
                        projector,
                        incoming,
                        new RebuildLease(ds),
                        new RebuildRuns(ds),
                        servers,
                        prefix);
                double[] rates = new double[3];
                for (int round = -1; round < rates.length; round++) { // round -1 warms the JIT up, not counted
                    rebuilder.start();
                    Rebuilder.Progress p;
                    while (!"DONE".equals((p = rebuilder.progress()).state())) {
                        Thread.sleep(200);
                    }
                    if (round >= 0) {
                        rates[round] = p.eventsPerSecond();
                    }
                    System.out.printf(
                            "  rebuild %s into %s: %,d events, %,.0f events/s%n",
                            round < 0 ? "warm-up" : round + 1, p.target(), p.done(), p.eventsPerSecond());
                }
                Arrays.sort(rates);
                System.out.println();
                System.out.println("| measurement | events/s |");
                System.out.println("|---|---|");
                System.out.printf("| read and decode the topics, no writes (yardstick) | %,.0f |%n", decode);
                System.out.printf(
                        "| previous path: one statement per fact, one transaction per poll (first %,d events) | %,.0f |%n",
                        60_000, previous);
                System.out.printf(
                        "| rebuild into the other schema, median of 3 (%,d events) | %,.0f |%n",
                        records.size(), rates[1]);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String servers, String prefix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(prefix + ".intake", prefix + ".search", prefix + ".outreach"));
        return consumer;
    }

    private static double decodeRate(String servers, String prefix, IncomingEvents incoming) {
        try (KafkaConsumer<String, String> consumer = consumer(servers, prefix)) {
            long n = 0;
            long started = 0;
            int empty = 0;
            while (empty < 6) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    empty += n > 0 ? 1 : 0;
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                }
                for (ConsumerRecord<String, String> r : records) {
                    incoming.read(r.value());
                    n++;
                }
            }
            return n / ((System.nanoTime() - started) / 1e9 - 2.5); // less the empty polls that ended it
        }
    }

    /** The rebuild as it was: every event through FactProjector.apply, one statement per fact. */
    private static double previousPathRate(
            String servers,
            String prefix,
            IncomingEvents incoming,
            EventSourcing sourcing,
            FactProjector projector,
            int limit) {
        try (KafkaConsumer<String, String> consumer = consumer(servers, prefix)) {
            long n = 0;
            long started = System.nanoTime();
            while (n < limit) {
                var records = consumer.poll(Duration.ofMillis(500));
                List<EventEnvelope> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : records) {
                    incoming.read(r.value()).ifPresent(batch::add);
                }
                sourcing.inTransaction(c -> {
                    FactSchemas.use(c, "facts_a");
                    for (EventEnvelope e : batch) {
                        projector.apply(c, e);
                    }
                    return null;
                });
                n += records.count();
            }
            return n / ((System.nanoTime() - started) / 1e9);
        }
    }
}
