package org.homeward.outreach.streetcase;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homeward.domain.StreamId;
import org.homeward.events.EventEnvelope;
import org.homeward.events.personal.PersonalValues;
import org.homeward.outreach.registry.ResidentErasures;
import org.homeward.platform.erasure.PersonalTraces;
import org.homeward.platform.keys.PersonKeys;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/**
 * The street cases of an erased person (ADR 35): the cases linked to the record as a hospital post's
 * patient, and those whose referral to a station became the person. Their values' traces are redacted
 * (read from the cases' events while the keys still open them), the views cleared as a replay without
 * the keys would write them, and the cases' keys destroyed. Programmes, contacts, outcomes and dates stay.
 */
@ApplicationScoped
public class ErasedStreetCases implements ResidentErasures {
    private final EventSourcing sourcing;
    private final PersonKeys keys;

    public ErasedStreetCases(EventSourcing sourcing, PersonKeys keys) {
        this.sourcing = sourcing;
        this.keys = keys;
    }

    @Override
    public void personErased(Connection c, UUID personId) throws SQLException {
        List<UUID> cases = Sql.list(
                c,
                "SELECT case_id FROM street_case WHERE resident_person_id = ? "
                        + "OR referral_id IN (SELECT referral_id FROM known_arrival WHERE person_id = ?)",
                rs -> rs.getObject(1, UUID.class),
                personId,
                personId);
        if (cases.isEmpty()) {
            return;
        }
        for (UUID caseId : cases) {
            Set<String> values = new LinkedHashSet<>();
            for (EventEnvelope event : sourcing.store()
                    .load(c, StreamId.of(StreetCase.STREAM, caseId))
                    .events()) {
                values.addAll(PersonalValues.texts(
                        event.payload(), sourcing.store().codec().mapper()));
            }
            PersonalTraces.redact(c, caseId, values);
            Sql.update(
                    c,
                    "UPDATE street_case SET description = NULL, name = NULL, hometown = NULL WHERE case_id = ?",
                    caseId);
        }
        keys.destroy(c, cases);
        keys.forget(cases);
    }
}
