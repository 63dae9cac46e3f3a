package org.homeward.search.missingreport;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.events.EventEnvelope;
import org.homeward.events.personal.PersonalValues;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.erasure.ErasureAudit;
import org.homeward.platform.erasure.PersonalTraces;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.BusinessTime;
import org.homeward.platform.sourcing.EventSourcing;

/**
 * Erasing a missing-person report (ADR 35), in one transaction: the traces of its values outside the
 * events are redacted (read from its own events while the key still opens them),
 * {@code MissingPersonReportErased} is appended (its projection clears the views and the report's
 * candidates), and the report's key is destroyed. After the commit this instance forgets the key.
 */
@ApplicationScoped
public class ReportErasure {
    private final EventSourcing sourcing;
    private final PersonKeys keys;
    private final MissingPersonReports reports;

    public ReportErasure(EventSourcing sourcing, PersonKeys keys, MissingPersonReports reports) {
        this.sourcing = sourcing;
        this.keys = keys;
        this.reports = reports;
    }

    public MissingPersonReports.ReportView erase(UUID reportId, String reason, Metadata meta, ErasureAudit audit) {
        MissingPersonReports.ReportView view = sourcing.inTransaction(c -> {
            if (reports.find(c, reportId).isEmpty()) {
                throw HomewardException.notFound("Missing-person report", reportId);
            }
            // the erasure first: it locks the stream (a concurrent update of the report waits or fails), so the
            // values read next are all there will be; the key is still there to open them, and destroyed last
            sourcing.execute(
                    c,
                    MissingPersonReportResource.stream(reportId),
                    null,
                    MissingPersonReport::from,
                    r -> r.erase(reason, BusinessTime.now()),
                    meta);
            PersonalTraces.redact(c, reportId, values(c, reportId));
            keys.destroy(c, List.of(reportId));
            audit.erased(c, List.of(reportId));
            return reports.find(c, reportId).orElseThrow();
        });
        keys.forget(List.of(reportId));
        return view;
    }

    /** Every personal text of the report (the missing person's and the reporter's), as its events still tell it. */
    private Set<String> values(Connection c, UUID reportId) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        for (EventEnvelope event : sourcing.store()
                .load(c, MissingPersonReportResource.stream(reportId))
                .events()) {
            values.addAll(PersonalValues.texts(
                    event.payload(), sourcing.store().codec().mapper()));
        }
        return values;
    }
}
