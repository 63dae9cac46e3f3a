package org.homeward.domain;

import java.time.OffsetDateTime;
import org.homeward.events.DomainEvent;

/** An event about to be appended, with its business time. */
public record NewEvent(DomainEvent payload, OffsetDateTime occurredAt) {}
