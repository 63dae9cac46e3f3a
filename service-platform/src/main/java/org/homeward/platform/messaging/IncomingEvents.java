package org.homeward.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.homeward.events.EventEnvelope;
import org.homeward.events.UnknownEventTypeException;
import org.homeward.eventstore.IdempotentConsumer;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;

/**
 * Reads records from other services' topics and applies each at most once. A record of an event
 * type this build does not know is skipped with a log line; a record that cannot be read at all
 * throws, and the channel's dead-letter strategy moves it aside so the consumer carries on.
 */
@ApplicationScoped
public class IncomingEvents {
    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    private final EventSourcing sourcing;

    public IncomingEvents(EventSourcing sourcing) {
        this.sourcing = sourcing;
    }

    public Optional<EventEnvelope> read(String record) {
        try {
            return Optional.of(sourcing.store().codec().readEnvelope(record));
        } catch (UnknownEventTypeException e) {
            LOG.infof("Skipping event of unknown type %s", e.eventType());
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(e);
        }
    }

    /**
     * Applies the record once per {@code consumer}; returns false if it was skipped or seen before.
     * A database failure is retried a few times before the record goes to the dead-letter topic.
     */
    public boolean consume(String consumer, String record, IdempotentConsumer.Handler handler) {
        Optional<EventEnvelope> event = read(record);
        if (event.isEmpty()) {
            return false;
        }
        IdempotentConsumer once = new IdempotentConsumer(sourcing.store().transactions(), consumer);
        for (int attempt = 1; ; attempt++) {
            try {
                return once.handle(event.get(), handler);
            } catch (org.homeward.eventstore.Transactions.DataAccessException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warnf("Applying %s failed (attempt %d), retrying: %s", event.get().eventId(), attempt, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static class UnreadableRecordException extends RuntimeException {
        UnreadableRecordException(Throwable cause) {
            super("Record cannot be read as a Homeward event: " + cause.getMessage(), cause);
        }
    }
}
