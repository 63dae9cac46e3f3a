package org.homeward.platform.onboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.sourcing.EventSourcing;
import org.homeward.platform.sourcing.Sql;

/** The import_job and import_row tables: all the SQL of imports. */
@ApplicationScoped
public class ImportJobs {
    /** The states of a job. VALIDATED: a dry run without problems; REJECTED: problems found, nothing stored. */
    public enum State {
        QUEUED,
        RUNNING,
        VALIDATED,
        SUCCEEDED,
        REJECTED,
        FAILED
    }

    public record Job(
            UUID jobId,
            String sheet,
            String fileName,
            String format,
            String worksheet,
            Map<String, String> columnMap,
            boolean dryRun,
            State state,
            Long rowsTotal,
            long rowsRead,
            long rowsImported,
            long rowsUnchanged,
            long rowsRejected,
            long problemCount,
            List<RowProblem> problems,
            String detail,
            String createdBy,
            String stationScope,
            OffsetDateTime createdAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
        /** Share of the rows read, 0 to 100; null while the rows are being counted. */
        @JsonProperty("percentDone")
        public Integer percentDone() {
            if (state == State.SUCCEEDED || state == State.VALIDATED || state == State.REJECTED) {
                return 100;
            }
            return rowsTotal == null || rowsTotal == 0 ? null : (int) Math.min(100, rowsRead * 100 / rowsTotal);
        }
    }

    /** The progress of a running job, written as it goes. */
    public record Progress(long rowsRead, long imported, long unchanged, long rejected, long problemCount) {}

    private static final String COLUMNS =
            "job_id, sheet, file_name, format, worksheet, column_map::text, dry_run, state, "
                    + "rows_total, rows_read, rows_imported, rows_unchanged, rows_rejected, problem_count, problems::text, detail, "
                    + "created_by, station_scope, created_at, started_at, finished_at";

    private final EventSourcing sourcing;
    private final ObjectMapper json;

    public ImportJobs(EventSourcing sourcing, ObjectMapper json) {
        this.sourcing = sourcing;
        this.json = json;
    }

    public void create(
            UUID jobId,
            String sheet,
            String fileName,
            String worksheet,
            Map<String, String> columnMap,
            boolean dryRun,
            String createdBy,
            String stationScope) {
        sourcing.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO import_job (job_id, sheet, file_name, worksheet, column_map, "
                        + "dry_run, state, created_by, station_scope) VALUES (?, ?, ?, ?, ?::jsonb, ?, 'QUEUED', ?, ?)",
                jobId,
                sheet,
                fileName,
                worksheet,
                write(columnMap),
                dryRun,
                createdBy,
                stationScope));
    }

    public Optional<Job> find(UUID jobId) {
        return sourcing.inTransaction(
                c -> Sql.one(c, "SELECT " + COLUMNS + " FROM import_job WHERE job_id = ?", this::job, jobId));
    }

    public List<Job> recent(String stationScope, int limit, int offset) {
        return sourcing.inTransaction(c -> Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM import_job "
                        + "WHERE (?::text IS NULL OR station_scope = ?) ORDER BY created_at DESC LIMIT ? OFFSET ?",
                this::job,
                stationScope,
                stationScope,
                limit,
                offset));
    }

    /** Written on a connection of its own: the import's transaction is still open while it runs. */
    void started(DataSource ds, UUID jobId, String format, long rowsTotal) {
        own(
                ds,
                "UPDATE import_job SET state = 'RUNNING', format = ?, rows_total = ?, started_at = now() WHERE job_id = ?",
                format,
                rowsTotal,
                jobId);
    }

    void progress(DataSource ds, UUID jobId, Progress p) {
        own(
                ds,
                "UPDATE import_job SET rows_read = ?, rows_imported = ?, rows_unchanged = ?, rows_rejected = ?, "
                        + "problem_count = ? WHERE job_id = ?",
                p.rowsRead(),
                p.imported(),
                p.unchanged(),
                p.rejected(),
                p.problemCount(),
                jobId);
    }

    void finished(DataSource ds, UUID jobId, State state, Progress p, List<RowProblem> problems, String detail) {
        own(
                ds,
                "UPDATE import_job SET state = ?, rows_read = ?, rows_imported = ?, rows_unchanged = ?, rows_rejected = ?, "
                        + "problem_count = ?, problems = ?::jsonb, detail = ?, finished_at = now() WHERE job_id = ?",
                state.name(),
                p.rowsRead(),
                p.imported(),
                p.unchanged(),
                p.rejected(),
                p.problemCount(),
                write(problems),
                detail,
                jobId);
    }

    /** Jobs a restart interrupted: their transaction was rolled back with the process. */
    public int interrupted() {
        return sourcing.inTransaction(c -> Sql.update(
                c,
                "UPDATE import_job SET state = 'FAILED', finished_at = now(), "
                        + "detail = 'The service stopped during the import; nothing of it was stored. Import the file again.' "
                        + "WHERE state IN ('QUEUED', 'RUNNING')"));
    }

    /** The ids an earlier row (of any job, or of this one in its open transaction) created. */
    public Optional<Map<String, String>> importedRow(Connection c, String sheet, String sourceKey) throws SQLException {
        return Sql.one(
                c,
                "SELECT entity::text FROM import_row WHERE sheet = ? AND source_key = ?",
                rs -> read(rs.getString(1)),
                sheet,
                sourceKey);
    }

    /** The job and row number that imported a key, if any. */
    Optional<Object[]> importedBy(Connection c, String sheet, String sourceKey) throws SQLException {
        return Sql.one(
                c,
                "SELECT job_id, row_number FROM import_row WHERE sheet = ? AND source_key = ?",
                rs -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2)},
                sheet,
                sourceKey);
    }

    void rowImported(Connection c, String sheet, String sourceKey, UUID jobId, long row, Map<String, String> entity)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO import_row (sheet, source_key, job_id, row_number, entity) VALUES (?, ?, ?, ?, ?::jsonb)",
                sheet,
                sourceKey,
                jobId,
                row,
                write(entity));
    }

    private void own(DataSource ds, String sql, Object... values) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            Sql.update(c, sql, values);
        } catch (SQLException e) {
            throw new Transactions.DataAccessException(e);
        }
    }

    private Job job(ResultSet rs) throws SQLException {
        Long total = rs.getObject("rows_total") == null ? null : rs.getLong("rows_total");
        return new Job(
                rs.getObject("job_id", UUID.class),
                rs.getString("sheet"),
                rs.getString("file_name"),
                rs.getString("format"),
                rs.getString("worksheet"),
                read(rs.getString("column_map")),
                rs.getBoolean("dry_run"),
                State.valueOf(rs.getString("state")),
                total,
                rs.getLong("rows_read"),
                rs.getLong("rows_imported"),
                rs.getLong("rows_unchanged"),
                rs.getLong("rows_rejected"),
                rs.getLong("problem_count"),
                problems(rs.getString("problems")),
                rs.getString("detail"),
                rs.getString("created_by"),
                rs.getString("station_scope"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RowProblem> problems(String text) {
        try {
            return json.readValue(text, new TypeReference<List<RowProblem>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
