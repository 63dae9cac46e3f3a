package org.homeward.intake.person;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.platform.names.PersonName;
import org.homeward.platform.names.PersonNameLookup;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Names for a list of persons known by id (a report's drill-down page): the roles that may read a
 * person's record, and every person looked up is in the audit log as READ_PERSON_NAME (who, when,
 * which person, why). Unknown ids are left out of the answer. A POST because the ids are a body
 * (a page of them does not fit a URL); it reads and records nothing but the audit trail.
 */
@Path("/api/persons/names")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.POLICE_LIAISON, Roles.ADMIN})
public class PersonNameResource {
    private final EventSourcing sourcing;
    private final PersonViews persons;
    private final Caller caller;
    private final AuditLog audit;

    public PersonNameResource(EventSourcing sourcing, PersonViews persons, Caller caller, AuditLog audit) {
        this.sourcing = sourcing;
        this.persons = persons;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    public List<PersonName> personNames(@Valid @NotNull PersonNameLookup request) {
        Set<UUID> asked = new LinkedHashSet<>(request.personIds());
        caller.purpose(); // an unknown X-Purpose is refused before anything is read
        List<PersonName> names = sourcing.inTransaction(c -> {
            List<PersonName> found = new ArrayList<>();
            for (UUID id : asked) {
                persons.find(c, id).ifPresent(p -> found.add(new PersonName(id, p.name(), p.identityStatus())));
            }
            return found;
        });
        audit.recordEach(
                caller,
                "READ_PERSON_NAME",
                names.stream().map(PersonName::personId).toList());
        return names;
    }
}
