package org.homeward.platform.reconciliation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.homeward.events.EventEnvelope;
import org.homeward.events.UnknownEventTypeException;
import org.homeward.platform.deadletter.DeadLetters;
import org.homeward.platform.messaging.ConsumedChannels;
import org.homeward.platform.messaging.RecordConsumer;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;

/**
 * Compares each projection with its source. It follows every topic this service consumes and,
 * for each record the consumer group has already passed (below its committed offset), asks the
 * consumer whether it applied that event. An event passed but not applied — dead-lettered, or lost
 * any other way — is drift: the figures built from this projection are short by it. Drift is
 * reported as health detail (DOWN in /q/health, not in readiness), as a metric, and by
 * {@code GET /api/admin/reconciliation}; it goes back to zero once the event is applied (a replay).
 * Events whose type this build does not know are skipped by the consumers, and so here too, as are
 * the types a consumer passes over on purpose ({@link RecordConsumer#ignores}).
 */
@ApplicationScoped
@Default // injectable too, not only a health check
@Wellness
public class Reconciliation implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    private static final int SHOWN = 100;

    public record Missing(String topic, int partition, long offset, UUID eventId, String eventType) {}

    public record ChannelReport(
            String channel, String topic, String groupId, long checked, long lag, long drift, List<Missing> missing) {}

    public record Report(
            Instant checkedAt, long drift, long lag, long deadLettersPending, List<ChannelReport> channels) {}

    private final ConsumedChannels channels;
    private final EventSourcing sourcing;
    private final DeadLetters deadLetters;
    private final Duration interval;
    private final Map<TopicPartition, Long> scanned = new HashMap<>();
    private final Map<String, Map<UUID, Missing>> pending = new HashMap<>();
    private final Map<String, List<Missing>> unreadable = new HashMap<>();
    private final Map<String, Long> checked = new HashMap<>();
    private volatile Report last;
    private Admin admin;
    private KafkaConsumer<String, String> follower;
    private ScheduledExecutorService timer;

    public Reconciliation(
            ConsumedChannels channels,
            EventSourcing sourcing,
            DeadLetters deadLetters,
            @ConfigProperty(name = "homeward.reconciliation.interval", defaultValue = "30s") Duration interval) {
        this.channels = channels;
        this.sourcing = sourcing;
        this.deadLetters = deadLetters;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        if (channels.all().isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reconciliation");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        check();
                    } catch (RuntimeException e) {
                        LOG.warnf("Reconciliation check failed, will try again: %s", e.getMessage());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        synchronized (this) {
            if (follower != null) {
                follower.close(Duration.ofSeconds(2));
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    /** The last report, or a fresh one if none was made yet. */
    public Report last() {
        Report report = last;
        return report != null ? report : check();
    }

    /** The last report without checking now: a scrape must not wait for a scan of the topics. */
    public Optional<Report> lastMade() {
        return Optional.ofNullable(last);
    }

    /** Reads what the consumer groups passed since the last check and rechecks every event not yet applied. */
    public synchronized Report check() {
        List<ChannelReport> reports = new ArrayList<>();
        long drift = 0;
        long lag = 0;
        if (!channels.all().isEmpty()) {
            connect();
            for (ConsumedChannels.Channel channel : channels.all()) {
                ChannelReport report = check(channel);
                reports.add(report);
                drift += report.drift();
                lag += report.lag();
            }
        }
        long dead = channels.deadLetterTopics().isEmpty() ? 0 : deadLetters.pending();
        last = new Report(Instant.now(), drift, lag, dead, reports);
        if (drift > 0) {
            LOG.warnf(
                    "Reconciliation: %d event(s) passed by the consumers but not applied; see /api/admin/reconciliation",
                    drift);
        }
        return last;
    }

    private ChannelReport check(ConsumedChannels.Channel channel) {
        List<TopicPartition> partitions = follower.partitionsFor(channel.topic(), Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(channel.topic(), p.partition()))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(channel.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot read the offsets of group " + channel.groupId() + ": " + e.getMessage(), e);
        }
        Map<TopicPartition, Long> end = follower.endOffsets(partitions);
        Map<UUID, Missing> waiting = pending.computeIfAbsent(channel.name(), k -> new LinkedHashMap<>());
        List<Missing> broken = unreadable.computeIfAbsent(channel.name(), k -> new ArrayList<>());
        Map<TopicPartition, Long> passed = new HashMap<>();
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata at = committed.get(tp);
            passed.put(tp, at == null ? 0 : at.offset());
            lag += Math.max(0, end.getOrDefault(tp, 0L) - passed.get(tp));
        }
        RecordConsumer consumer = channels.consumerOf(channel.name()).orElse(null);
        follow(channel, consumer, passed, waiting, broken);
        if (consumer != null && !waiting.isEmpty()) {
            List<UUID> ids = new ArrayList<>(waiting.keySet());
            for (int from = 0; from < ids.size(); from += 1_000) {
                List<UUID> slice = ids.subList(from, Math.min(ids.size(), from + 1_000));
                Set<UUID> applied = sourcing.inTransaction(c -> consumer.applied(c, channel.name(), slice));
                applied.forEach(waiting::remove);
            }
        }
        List<Missing> missing = new ArrayList<>(broken);
        missing.addAll(waiting.values());
        return new ChannelReport(
                channel.name(),
                channel.topic(),
                channel.groupId(),
                checked.getOrDefault(channel.name(), 0L),
                lag,
                missing.size(),
                missing.subList(0, Math.min(SHOWN, missing.size())));
    }

    /** Reads each partition from where the last check stopped up to the group's committed offset. */
    private void follow(
            ConsumedChannels.Channel channel,
            RecordConsumer consumer,
            Map<TopicPartition, Long> passed,
            Map<UUID, Missing> waiting,
            List<Missing> broken) {
        List<TopicPartition> behind = passed.keySet().stream()
                .filter(tp -> scanned.getOrDefault(tp, 0L) < passed.get(tp))
                .toList();
        if (behind.isEmpty()) {
            return;
        }
        follower.assign(behind);
        behind.forEach(tp -> follower.seek(tp, scanned.getOrDefault(tp, 0L)));
        long deadline = System.currentTimeMillis() + 20_000;
        while (behind.stream().anyMatch(tp -> scanned.getOrDefault(tp, 0L) < passed.get(tp))
                && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : follower.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < scanned.getOrDefault(tp, 0L) || r.offset() >= passed.get(tp)) {
                    continue; // read again next time, once the group has passed it
                }
                scanned.put(tp, r.offset() + 1);
                checked.merge(channel.name(), 1L, Long::sum);
                try {
                    EventEnvelope e = sourcing.store().codec().readEnvelope(r.value());
                    if (consumer != null && consumer.ignores(channel.name(), e.eventType())) {
                        continue; // passed over by the consumer on purpose: nothing to apply
                    }
                    waiting.put(
                            e.eventId(),
                            new Missing(tp.topic(), tp.partition(), r.offset(), e.eventId(), e.eventType()));
                } catch (UnknownEventTypeException skipped) {
                    // the consumers skip it too
                } catch (RuntimeException unreadableRecord) {
                    broken.add(new Missing(tp.topic(), tp.partition(), r.offset(), null, null));
                }
            }
            for (TopicPartition tp : behind) { // offsets may have gaps (compaction, transaction markers)
                scanned.put(
                        tp, Math.max(scanned.getOrDefault(tp, 0L), Math.min(passed.get(tp), follower.position(tp))));
            }
        }
        follower.unsubscribe();
    }

    private void connect() {
        if (follower == null) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, channels.bootstrapServers());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            follower = new KafkaConsumer<>(p);
        }
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    channels.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    5_000));
        }
    }

    @Override
    public HealthCheckResponse call() {
        Report report = last;
        var builder = HealthCheckResponse.named("reconciliation");
        if (report == null) {
            return builder.up().withData("checked", "not yet").build();
        }
        builder.status(report.drift() == 0)
                .withData("drift", report.drift())
                .withData("consumerLag", report.lag())
                .withData("deadLettersPending", report.deadLettersPending())
                .withData("checkedAt", report.checkedAt().toString());
        for (ChannelReport c : report.channels()) {
            if (c.drift() > 0) {
                builder.withData(
                        "missing." + c.channel(),
                        c.missing().stream()
                                .map(m -> m.topic() + "/" + m.partition() + "/" + m.offset() + " " + m.eventType() + " "
                                        + m.eventId())
                                .toList()
                                .toString());
            }
        }
        return builder.build();
    }
}
