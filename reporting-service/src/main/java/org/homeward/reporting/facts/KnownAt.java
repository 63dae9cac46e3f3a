package org.homeward.reporting.facts;

import java.time.OffsetDateTime;

/** A record-time instant: figures from only the events recorded by then (docs/adr/0027). Validated by {@link FactSchemas#knownAt}. */
public record KnownAt(OffsetDateTime instant) {}
