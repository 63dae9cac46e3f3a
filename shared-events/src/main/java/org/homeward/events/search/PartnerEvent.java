package org.homeward.events.search;

import org.homeward.events.DomainEvent;

/** Social forces (社会力量) that help the search. */
public sealed interface PartnerEvent extends DomainEvent {
    record PartnerRegistered(String partnerId, String name, PartnerKind kind) implements PartnerEvent {}
}
