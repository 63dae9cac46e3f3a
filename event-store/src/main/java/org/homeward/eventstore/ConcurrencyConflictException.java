package org.homeward.eventstore;

import org.homeward.domain.StreamId;

/** The stream moved on since it was read: the caller reloads and decides again (HTTP 409). */
public class ConcurrencyConflictException extends RuntimeException {
    public ConcurrencyConflictException(StreamId stream, long expected, long actual) {
        super("Stream " + stream + " is at version " + actual + ", not " + expected);
    }

    public ConcurrencyConflictException(StreamId stream, long expected) {
        super("Stream " + stream + " was changed concurrently (expected version " + expected + ")");
    }
}
