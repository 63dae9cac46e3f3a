package org.homeward.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.homeward.eventstore.LogReader;
import org.homeward.platform.messaging.ConsumedChannels;
import org.homeward.platform.messaging.IncomingEvents;
import org.homeward.platform.messaging.RelayLifecycle;
import org.homeward.platform.reconciliation.Reconciliation;

/**
 * The operational figures of a service, at /q/metrics (Prometheus): outbox backlog and relay lag,
 * consumer lag per channel, dead letters not yet replayed, reconciliation drift, whether the
 * consumers wait for the database, and command latency (http_server_requests_seconds, with
 * percentile histograms). Values that cost a query are kept for a few seconds between scrapes.
 */
@ApplicationScoped
public class HomewardMetrics {
    private final MeterRegistry registry;
    private final RelayLifecycle relay;
    private final Reconciliation reconciliation;
    private final ConsumedChannels channels;
    private final IncomingEvents incoming;
    private final Cached<LogReader.Backlog> backlog;

    public HomewardMetrics(
            MeterRegistry registry,
            RelayLifecycle relay,
            Reconciliation reconciliation,
            ConsumedChannels channels,
            IncomingEvents incoming) {
        this.registry = registry;
        this.relay = relay;
        this.reconciliation = reconciliation;
        this.channels = channels;
        this.incoming = incoming;
        this.backlog = new Cached<>(() -> relay.backlog().orElse(new LogReader.Backlog(0, null)));
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("homeward.outbox.backlog", () -> backlog.get().events())
                .description("Events committed to the event store and not yet published to Kafka")
                .register(registry);
        Gauge.builder("homeward.outbox.lag", () -> {
                    Instant oldest = backlog.get().oldestRecordedAt();
                    return oldest == null
                            ? 0
                            : Duration.between(oldest, Instant.now()).toMillis() / 1000.0;
                })
                .baseUnit("seconds")
                .description("Age of the oldest unpublished event")
                .register(registry);
        Gauge.builder("homeward.consumers.waiting", () -> incoming.waitingSince() == null ? 0 : 1)
                .description("1 while the consumers wait for the database to come back")
                .register(registry);
        if (channels.all().isEmpty()) {
            return;
        }
        Gauge.builder(
                        "homeward.dead.letters.pending",
                        () -> reconciliation
                                .lastMade()
                                .map(Reconciliation.Report::deadLettersPending)
                                .orElse(0L))
                .description("Dead-lettered records not yet replayed")
                .register(registry);
        for (ConsumedChannels.Channel channel : channels.all()) {
            Tags tags = Tags.of("channel", channel.name(), "topic", channel.topic());
            Gauge.builder(
                            "homeward.consumer.lag",
                            () -> channelReport(channel.name()).lag())
                    .tags(tags)
                    .description("Records on the topic not yet committed by this service's consumer group")
                    .register(registry);
            Gauge.builder(
                            "homeward.reconciliation.drift",
                            () -> channelReport(channel.name()).drift())
                    .tags(tags)
                    .description("Events the consumer passed but did not apply (see /api/admin/reconciliation)")
                    .register(registry);
        }
    }

    private Reconciliation.ChannelReport channelReport(String name) {
        return reconciliation.lastMade().stream()
                .flatMap(r -> r.channels().stream())
                .filter(c -> c.channel().equals(name))
                .findFirst()
                .orElse(new Reconciliation.ChannelReport(name, "", "", 0, 0, 0, List.of()));
    }

    /** Percentile histograms for command latency. */
    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder()
                            .percentilesHistogram(true)
                            .build()
                            .merge(config);
                }
                return config;
            }
        };
    }

    /** A value recomputed at most every five seconds. */
    private static final class Cached<T> {
        private final Supplier<T> source;
        private T value;
        private long at;

        Cached(Supplier<T> source) {
            this.source = source;
        }

        synchronized T get() {
            if (value == null || System.currentTimeMillis() - at > 5_000) {
                value = source.get();
                at = System.currentTimeMillis();
            }
            return value;
        }
    }
}
