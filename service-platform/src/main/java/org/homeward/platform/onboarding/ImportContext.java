package org.homeward.platform.onboarding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homeward.eventstore.Metadata;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;

/**
 * What a row's import needs besides the row: who imports (the actor of every event, with the job's
 * id as correlation id), the station the importing user is bound to, and the rows imported before.
 */
public final class ImportContext {
    private final UUID jobId;
    private final Metadata metadata;
    private final String stationScope;
    private final ImportJobs jobs;

    ImportContext(UUID jobId, Metadata metadata, String stationScope, ImportJobs jobs) {
        this.jobId = jobId;
        this.metadata = metadata;
        this.stationScope = stationScope;
        this.jobs = jobs;
    }

    public UUID jobId() {
        return jobId;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** A user bound to a station imports that station's rows only (the same rule as the API's). */
    public void requireStation(String field, String stationId) {
        if (stationScope != null && stationId != null && !stationScope.equals(stationId)) {
            throw new HomewardException(
                    403,
                    "Forbidden",
                    "A user of station " + stationScope + " imports only that station's records",
                    List.of(new FieldError(field, "is not the importing user's station")));
        }
    }

    /**
     * Remembers ids under a key of the sheet's own (a person key shared by several rows, say), in the
     * import's transaction: {@link #imported} finds them for later rows and later imports.
     */
    public void remember(Connection c, String sheet, String key, long row, Map<String, String> ids)
            throws SQLException {
        jobs.rowImported(c, sheet, key, jobId, row, ids);
    }

    /** The ids recorded for the row with {@code sourceKey} of {@code sheet}, imported now or earlier. */
    public Optional<Map<String, String>> imported(Connection c, String sheet, String sourceKey) throws SQLException {
        return jobs.importedRow(c, sheet, sourceKey);
    }
}
