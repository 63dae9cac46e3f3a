package org.homeward.search.resident;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Told, in the consumer's transaction, that what is known of a resident changed (candidate matching re-scores). */
public interface ResidentListener {
    void residentChanged(Connection c, UUID personId, OffsetDateTime at) throws SQLException;
}
