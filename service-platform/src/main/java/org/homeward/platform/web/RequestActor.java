package org.homeward.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.homeward.events.Actor;
import org.homeward.eventstore.Metadata;

/**
 * Who is calling, for the envelope of the events this request appends. Until JWT authentication
 * lands (issue 7) the caller names itself in {@code X-Actor} / {@code X-Actor-Role} headers.
 */
@RequestScoped
public class RequestActor {
    private final HttpHeaders headers;

    public RequestActor(HttpHeaders headers) {
        this.headers = headers;
    }

    public Actor actor() {
        String subject = headers.getHeaderString("X-Actor");
        String role = headers.getHeaderString("X-Actor-Role");
        String partner = headers.getHeaderString("X-Actor-Partner");
        return new Actor(subject == null || subject.isBlank() ? "anonymous" : subject.strip(),
                role == null || role.isBlank() ? "STATION_STAFF" : role.strip(), partner);
    }

    public Metadata metadata() {
        String correlation = headers.getHeaderString("X-Correlation-Id");
        UUID correlationId;
        try {
            correlationId = correlation == null ? UUID.randomUUID() : UUID.fromString(correlation);
        } catch (IllegalArgumentException e) {
            correlationId = UUID.randomUUID();
        }
        return new Metadata(actor(), correlationId, null);
    }
}
