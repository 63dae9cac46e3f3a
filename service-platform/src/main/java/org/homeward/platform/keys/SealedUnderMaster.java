package org.homeward.platform.keys;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A table of the service's database holding values sealed under the master key (the data keys, a partner's
 * feed secrets): when the master key changes, {@link MasterKeyRotation} re-seals each one at start.
 */
public interface SealedUnderMaster {
    /** Re-seals under the current master key, in {@code c}'s transaction, what is still under {@code previous}. */
    int reseal(Connection c, MasterKey previous) throws SQLException;
}
