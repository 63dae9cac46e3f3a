package org.homeward.events;

/** A record of a type this build does not know: consumers skip it with a log line. */
public class UnknownEventTypeException extends RuntimeException {
    private final String eventType;

    public UnknownEventTypeException(String eventType) {
        super("Unknown event type " + eventType);
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }
}
