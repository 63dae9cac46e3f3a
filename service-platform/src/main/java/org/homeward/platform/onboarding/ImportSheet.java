package org.homeward.platform.onboarding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A kind of sheet a service can import (the admission register, the hospital list, ...). Each row
 * becomes the events a user would have recorded, through the same aggregates and rules as the REST
 * commands. A service offers its sheets as CDI beans; {@link ImportResource} finds them.
 */
public interface ImportSheet {
    /** The sheet's name in the API, e.g. {@code admissions}. */
    String name();

    /** Its Chinese title, e.g. 入站登记. */
    String title();

    /** What one row is, in a sentence. */
    String description();

    /** The columns; every sheet has a required {@link #SOURCE_KEY} column. */
    List<Column> columns();

    /**
     * Records one row's events on {@code c}. Throws {@link RowRejected} (or a domain exception) when
     * the row breaks a rule; the row's work is then undone. Returns the ids it created (for example
     * {@code personId}, {@code stayId}) so that rows of other sheets can refer to this one by its
     * source key ({@link ImportContext#imported}). Answers null when the row has nothing for this sheet
     * (an exit sheet reading a stay still open): it is counted unchanged and not remembered, so a later
     * import of the row, once it has something, records it.
     */
    Map<String, String> importRow(Connection c, ImportRow row, ImportContext context) throws SQLException;

    /**
     * Whether columns the sheet does not know are skipped instead of refused: a sheet that reads a
     * few columns of another sheet's file (the exits of the admission register) says so.
     */
    default boolean ignoresOtherColumns() {
        return false;
    }

    /** The column every sheet has: the row's stable key in the station's own records. */
    String SOURCE_KEY = "sourceKey";
}
