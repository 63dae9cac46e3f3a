package org.homeward.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.homeward.eventstore.LogReader;
import org.homeward.eventstore.OutboxRelay;
import org.homeward.platform.sourcing.EventSourcing;

/** Starts the outbox relay of a service that publishes ({@code homeward.outbox.topic} set). */
@ApplicationScoped
@Default // injectable too, not only a health check
@Readiness
public class RelayLifecycle implements HealthCheck {
    private final EventSourcing sourcing;
    private final Optional<String> topic;
    private final String bootstrapServers;
    private OutboxRelay relay;

    public RelayLifecycle(
            EventSourcing sourcing,
            @ConfigProperty(name = "homeward.outbox.topic") Optional<String> topic,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.sourcing = sourcing;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        topic.ifPresent(t -> {
            relay = new OutboxRelay(sourcing.store(), t, bootstrapServers);
            relay.start(100);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }

    /** The relay's backlog, or empty for a service that publishes nothing. */
    public Optional<LogReader.Backlog> backlog() {
        return relay == null ? Optional.empty() : Optional.of(relay.backlog());
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("outbox-relay");
        if (relay == null) {
            return builder.up().withData("topic", "none").build();
        }
        String failure = relay.lastFailure();
        return builder.status(failure == null)
                .withData("topic", topic.get())
                .withData("published", relay.publishedCount())
                .withData("lastFailure", failure == null ? "" : failure)
                .build();
    }
}
