package org.homeward.events;

/** Marker for every event payload. Payloads are past-tense records, one per fact. */
public interface DomainEvent {}
