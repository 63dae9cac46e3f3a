package org.homeward.eventstore;

/**
 * A place in the commit-ordered log: the writing transaction's id (xid8, kept as text because
 * drivers do not map it) and the row's position within it.
 */
public record LogPosition(String txId, long position) {
    public static final LogPosition START = new LogPosition("0", 0);
}
