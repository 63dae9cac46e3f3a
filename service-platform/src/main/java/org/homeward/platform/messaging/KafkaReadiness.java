package org.homeward.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness includes the broker itself, also for a service that only publishes (outreach has no
 * consumer whose channel health would show it). The answer is kept for five seconds.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    private final Admin admin;
    private volatile long checkedAt;
    private volatile HealthCheckResponse last;

    public KafkaReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000));
    }

    @Override
    public HealthCheckResponse call() {
        if (last != null && System.currentTimeMillis() - checkedAt < 5000) {
            return last;
        }
        var builder = HealthCheckResponse.named("kafka-broker");
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            last = builder.status(nodes > 0).withData("nodes", nodes).build();
        } catch (Exception e) {
            last = builder.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
        checkedAt = System.currentTimeMillis();
        return last;
    }
}
