package org.homeward.reporting.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.TreeMap;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.security.AuditLog;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;
import org.homeward.reporting.facts.FactSchemas;
import org.homeward.reporting.facts.KnownAt;

/**
 * What changed in a report between two record-time instants: {@code type} and the report's own parameters,
 * {@code since} (required) and {@code until} (default: now). The events behind it name stays and persons:
 * a drill-down, for staff, search team and admin, audited.
 */
@Path("/api/reports/changes")
@RolesAllowed({Roles.STATION_STAFF, Roles.SEARCH_TEAM, Roles.ADMIN})
public class ChangesResource {
    private final ReportCatalog catalog;
    private final FigureChanges changes;
    private final FactSchemas facts;
    private final AuditLog audit;
    private final Caller caller;

    public ChangesResource(
            ReportCatalog catalog, FigureChanges changes, FactSchemas facts, AuditLog audit, Caller caller) {
        this.catalog = catalog;
        this.changes = changes;
        this.facts = facts;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    public FigureChanges.Changes between(
            @QueryParam("type") String type,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @Context UriInfo uri) {
        Map<String, String> parameters = new TreeMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!k.equals("type") && !k.equals("since") && !k.equals("until") && !v.isEmpty()) {
                parameters.put(k, v.get(0));
            }
        });
        ReportCatalog.Prepared report = catalog.prepare(type, parameters);
        if (since == null || since.isBlank()) {
            throw HomewardException.badInput("since", "the instant to compare from is required (RFC 3339)");
        }
        KnownAt from = facts.knownAt("since", since);
        KnownAt to = facts.knownAt("until", until);
        if (to != null && to.instant().isBefore(from.instant())) {
            throw HomewardException.badInput("until", "must not be before since");
        }
        audit.record(
                caller, "DRILL_DOWN", "changes/" + report.type() + report.parameters() + "@" + since + ".." + until);
        return changes.between(report, from, to);
    }
}
