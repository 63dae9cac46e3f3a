package org.homeward.platform.erasure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** What records an erasure in the audit log, inside the erasure's own transaction: never an erasure unaudited. */
@FunctionalInterface
public interface ErasureAudit {
    void erased(Connection c, List<UUID> subjects) throws SQLException;
}
