package org.homeward.platform.sourcing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.homeward.events.EventEnvelope;

/**
 * A service's own read model, updated in the transaction that appends the event, so a command's
 * answer and the next query agree. It can be rebuilt from the event store at any time.
 */
public interface LocalProjection {
    void apply(Connection c, EventEnvelope event) throws SQLException;

    /** The tables this projection alone writes: emptied before a replay rebuilds them. */
    List<String> tables();
}
