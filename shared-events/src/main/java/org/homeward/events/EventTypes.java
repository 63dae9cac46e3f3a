package org.homeward.events;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.homeward.events.intake.PersonEvent;
import org.homeward.events.intake.ReferralEvent;
import org.homeward.events.intake.RiskFlagEvent;
import org.homeward.events.intake.StationEvent;
import org.homeward.events.intake.StayEvent;
import org.homeward.events.outreach.PartnerWorkEvent;
import org.homeward.events.outreach.ProgramEvent;
import org.homeward.events.outreach.StreetCaseEvent;
import org.homeward.events.search.MissingPersonReportEvent;
import org.homeward.events.search.PartnerEvent;
import org.homeward.events.search.SearchCaseEvent;

/**
 * The registry of event types. A type's name is {@code <service>.<RecordName>}, taken from the
 * sealed interface the record belongs to, so adding a record to an interface registers it.
 */
public final class EventTypes {
    private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new HashMap<>();

    static {
        register(
                "intake",
                StationEvent.class,
                PersonEvent.class,
                StayEvent.class,
                ReferralEvent.class,
                RiskFlagEvent.class);
        register("search", PartnerEvent.class, SearchCaseEvent.class, MissingPersonReportEvent.class);
        register("outreach", ProgramEvent.class, StreetCaseEvent.class, PartnerWorkEvent.class);
    }

    @SafeVarargs
    @SuppressWarnings("unchecked")
    private static void register(String service, Class<? extends DomainEvent>... families) {
        for (Class<? extends DomainEvent> family : families) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                String name = service + "." + type.getSimpleName();
                if (BY_NAME.put(name, (Class<? extends DomainEvent>) type) != null) {
                    throw new IllegalStateException("Event type registered twice: " + name);
                }
                BY_CLASS.put(type, name);
            }
        }
    }

    public static String nameOf(Class<? extends DomainEvent> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("Not a registered event type: " + type.getName());
        }
        return name;
    }

    public static String nameOf(DomainEvent event) {
        return nameOf(event.getClass());
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static int currentVersion(Class<? extends DomainEvent> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        return version == null ? 1 : version.value();
    }

    public static Collection<Class<? extends DomainEvent>> all() {
        return List.copyOf(BY_NAME.values());
    }

    private EventTypes() {}
}
