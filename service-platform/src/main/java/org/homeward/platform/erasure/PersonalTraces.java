package org.homeward.platform.erasure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import org.homeward.platform.sourcing.Sql;

/**
 * What an erased person leaves outside the events and read models, in the tables every service has
 * (ADR 33): search terms in the audit log (a name typed into person search), the problems an import
 * reported quoting a cell (ADR 35) and stored idempotent answers that describe the person. The audit entries stay (who looked, when, why), with the person's
 * values replaced by the erased marker; a stored answer naming the person keeps its status and
 * Location but loses its body.
 */
public final class PersonalTraces {
    /** What an erased value reads as where text must stay (the audit log's targets). */
    public static final String ERASED = "〔已删除〕";

    private PersonalTraces() {}

    public static void redact(Connection c, UUID personId, Collection<String> values) throws SQLException {
        for (String value : values) {
            if (value != null && value.strip().length() >= 2) { // a single character would redact half the log
                Sql.update(
                        c,
                        "UPDATE audit_log SET target = replace(target, ?, ?) WHERE strpos(target, ?) > 0",
                        value.strip(),
                        ERASED,
                        value.strip());
                // an import's problems and detail may quote a cell (ADR 35); the marker keeps the JSON valid
                Sql.update(
                        c,
                        "UPDATE import_job SET problems = replace(problems::text, ?, ?)::jsonb, "
                                + "detail = replace(detail, ?, ?) "
                                + "WHERE strpos(problems::text, ?) > 0 OR strpos(coalesce(detail, ''), ?) > 0",
                        value.strip(),
                        ERASED,
                        value.strip(),
                        ERASED,
                        value.strip(),
                        value.strip());
            }
        }
        Sql.update(c, "UPDATE idempotent_request SET body = NULL WHERE strpos(body, ?) > 0", personId.toString());
    }
}
