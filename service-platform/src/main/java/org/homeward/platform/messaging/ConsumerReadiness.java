package org.homeward.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the consumers wait for the database: their figures are behind, not lost. */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
    private final IncomingEvents incoming;

    public ConsumerReadiness(IncomingEvents incoming) {
        this.incoming = incoming;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = incoming.waitingSince();
        var builder = HealthCheckResponse.named("event-consumers");
        if (since == null) {
            return builder.up().build();
        }
        return builder.down()
                .withData("waitingForDatabaseSince", since.toString())
                .withData("lastError", String.valueOf(incoming.waitingFor()))
                .build();
    }
}
