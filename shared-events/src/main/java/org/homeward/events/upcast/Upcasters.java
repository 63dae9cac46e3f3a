package org.homeward.events.upcast;

import java.util.List;
import org.homeward.events.Upcaster;

/**
 * Every upcaster in use, one per (event type, older version). {@link org.homeward.events.EventCodec}
 * applies them on every read — an event store's load and every consumer's record — so code sees only
 * current versions; the AsyncAPI document lists each older version beside the current one.
 */
public final class Upcasters {
    public static final List<Upcaster> ALL = List.of(new SupportGivenInFen());

    private Upcasters() {}
}
