package org.homeward.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Set;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;

/** {@link FieldPolicy} applied to the caller of the current request. */
public final class Disclosure {

    /** The caller's roles; none outside a request or for an anonymous caller, so nothing classified leaks. */
    public static Set<String> roles() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return Set.of();
        }
        SecurityIdentity identity =
                arc.instance(CurrentIdentityAssociation.class).get().getIdentity();
        return identity == null || identity.isAnonymous() ? Set.of() : identity.getRoles();
    }

    public static boolean mayRead(FieldPolicy.DataClass dataClass) {
        return FieldPolicy.mayRead(roles(), dataClass);
    }

    public static boolean mayRead(DomainEvent event) {
        return FieldPolicy.mayRead(roles(), event);
    }

    /** The events of a history the caller may see. */
    public static List<EventEnvelope> visible(List<EventEnvelope> events) {
        Set<String> roles = roles();
        return events.stream()
                .filter(e -> FieldPolicy.mayRead(roles, e.payload()))
                .toList();
    }

    private Disclosure() {}
}
