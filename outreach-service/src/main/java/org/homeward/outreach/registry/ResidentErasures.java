package org.homeward.outreach.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Told, in the consumer's transaction, that intake erased a person (ADR 33, 35): what outreach recorded
 * about them (the street cases that became them) goes too.
 */
public interface ResidentErasures {
    void personErased(Connection c, UUID personId) throws SQLException;
}
