package org.homeward.search.missingreport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Told, in the command's transaction, that a report's read model changed (candidate matching re-scores). */
public interface ReportListener {
    void reportChanged(Connection c, UUID reportId, OffsetDateTime at) throws SQLException;
}
