package org.homeward.platform.onboarding;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.homeward.domain.DomainException;
import org.homeward.eventstore.ConcurrencyConflictException;
import org.homeward.eventstore.Metadata;
import org.homeward.eventstore.Transactions;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.homeward.platform.sourcing.EventSourcing;
import org.jboss.logging.Logger;

/**
 * Runs import jobs one at a time on a thread of their own. A job reads its file twice, streaming:
 * once to count the rows (for progress), once to import them, each row in a savepoint of one
 * transaction. A dry run, or a run that found any problem, rolls that transaction back: nothing is
 * stored unless every row is good (ADR 0020). Rows already imported (same sheet and source key) are
 * counted as unchanged. If the database goes away, the job waits and starts again.
 */
@ApplicationScoped
public class Importer {
    private static final Logger LOG = Logger.getLogger(Importer.class);
    private static final int PROBLEMS_KEPT = 1_000;

    private final EventSourcing sourcing;
    private final ImportJobs jobs;
    private final Instance<ImportSheet> sheets;
    private final Path directory;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import");
        t.setDaemon(true);
        return t;
    });

    public Importer(
            EventSourcing sourcing,
            ImportJobs jobs,
            Instance<ImportSheet> sheets,
            @ConfigProperty(name = "homeward.import.dir", defaultValue = "${java.io.tmpdir}/homeward-imports")
                    String directory) {
        this.sourcing = sourcing;
        this.jobs = jobs;
        this.sheets = sheets;
        this.directory = Path.of(directory);
    }

    void start(@Observes StartupEvent event) {
        int interrupted = jobs.interrupted();
        if (interrupted > 0) {
            LOG.warnf(
                    "%d import job(s) were interrupted by a restart and marked FAILED (nothing of them was stored)",
                    interrupted);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    public List<ImportSheet> sheets() {
        List<ImportSheet> all = new ArrayList<>();
        sheets.forEach(all::add);
        all.sort(Comparator.comparing(ImportSheet::name));
        return all;
    }

    public Optional<ImportSheet> sheet(String name) {
        return sheets().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Queues an import of {@code upload} (moved under the import directory); answers the job's id. */
    public UUID submit(
            ImportSheet sheet,
            Path upload,
            String fileName,
            String worksheet,
            Map<String, String> columnMap,
            boolean dryRun,
            Metadata caller,
            String stationScope) {
        UUID jobId = UUID.randomUUID();
        Path file;
        try {
            Files.createDirectories(directory);
            file = directory.resolve(jobId + ".upload");
            Files.move(upload, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.create(
                jobId,
                sheet.name(),
                fileName,
                worksheet,
                columnMap,
                dryRun,
                caller.actor().subject(),
                stationScope);
        Metadata meta = new Metadata(caller.actor(), jobId, null); // the batch's correlation id is the job's
        executor.submit(
                () -> runWaitingOutOutages(sheet, jobId, file, worksheet, columnMap, dryRun, meta, stationScope));
        return jobId;
    }

    private void runWaitingOutOutages(
            ImportSheet sheet,
            UUID jobId,
            Path file,
            String worksheet,
            Map<String, String> columnMap,
            boolean dryRun,
            Metadata meta,
            String stationScope) {
        long wait = 1_000;
        // a request scope of its own, as a REST command has one: a projection that is also a resource
        // (request-scoped) is reached from the job's thread through it
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            while (true) {
                try {
                    run(sheet, jobId, file, worksheet, columnMap, dryRun, meta, stationScope);
                    return;
                } catch (Transactions.DataAccessException e) {
                    LOG.warnf(
                            "Import %s: the database is unreachable (%s); starting again in %d ms",
                            jobId, e.getMessage(), wait);
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s failed", jobId);
            try {
                jobs.finished(
                        dataSource(),
                        jobId,
                        ImportJobs.State.FAILED,
                        new ImportJobs.Progress(0, 0, 0, 0, 0),
                        List.of(),
                        "The import failed and nothing of it was stored: " + e.getMessage());
            } catch (RuntimeException ignored) {
                // the restart check marks it FAILED
            }
        } finally {
            request.terminate();
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Cannot delete %s: %s", file, e.getMessage());
            }
        }
    }

    private DataSource dataSource() {
        return sourcing.store().transactions().dataSource();
    }

    private void run(
            ImportSheet sheet,
            UUID jobId,
            Path file,
            String worksheet,
            Map<String, String> columnMap,
            boolean dryRun,
            Metadata meta,
            String stationScope) {
        DataSource ds = dataSource();
        Counter n = new Counter();
        long total;
        try {
            total = SpreadsheetReader.countRows(file, worksheet);
        } catch (SpreadsheetReader.Unreadable e) {
            n.add(List.of(new RowProblem(0, null, null, null, e.getMessage())));
            jobs.finished(ds, jobId, ImportJobs.State.REJECTED, n.progress(), n.problems, e.getMessage());
            return;
        }
        try (SpreadsheetReader reader = SpreadsheetReader.open(file, worksheet)) {
            Map<Integer, String> fields = new LinkedHashMap<>();
            List<RowProblem> headerProblems = resolve(sheet, reader.header(), reader.headerRow(), columnMap, fields);
            jobs.started(ds, jobId, reader.format(), total);
            if (!headerProblems.isEmpty()) {
                n.add(headerProblems);
                jobs.finished(
                        ds,
                        jobId,
                        ImportJobs.State.REJECTED,
                        n.progress(),
                        n.problems,
                        "The columns do not match the sheet " + sheet.name() + "; nothing was imported");
                return;
            }
            Map<String, String> headers = new HashMap<>();
            fields.forEach((i, f) -> headers.put(f, reader.header().get(i)));
            ImportContext context = new ImportContext(jobId, meta, stationScope, jobs);
            Transactions.Scope scope = sourcing.store().transactions().open();
            try {
                long lastReport = System.currentTimeMillis();
                SpreadsheetReader.Line line;
                while ((line = reader.next()) != null) {
                    Map<String, String> values = new HashMap<>();
                    for (Map.Entry<Integer, String> f : fields.entrySet()) {
                        values.put(
                                f.getValue(),
                                f.getKey() < line.cells().size() ? line.cells().get(f.getKey()) : null);
                    }
                    importOne(scope, sheet, new ImportRow(line.number(), values, headers), context, n);
                    n.read++;
                    if (System.currentTimeMillis() - lastReport > 1_000) {
                        jobs.progress(ds, jobId, n.progress());
                        lastReport = System.currentTimeMillis();
                    }
                }
                if (dryRun || n.rejected > 0) {
                    scope.rollback();
                    jobs.finished(
                            ds,
                            jobId,
                            n.rejected > 0 ? ImportJobs.State.REJECTED : ImportJobs.State.VALIDATED,
                            n.progress(),
                            n.problems,
                            n.rejected > 0
                                    ? n.rejected + " row(s) have problems; nothing was imported"
                                    : "Dry run: every row can be imported; nothing was stored");
                } else {
                    scope.commit();
                    jobs.finished(
                            ds,
                            jobId,
                            ImportJobs.State.SUCCEEDED,
                            n.progress(),
                            n.problems,
                            n.imported + " row(s) imported, " + n.unchanged + " already imported before");
                }
            } finally {
                scope.close();
            }
        }
    }

    private void importOne(
            Transactions.Scope scope, ImportSheet sheet, ImportRow row, ImportContext context, Counter n) {
        String key = row.text(ImportSheet.SOURCE_KEY, 200);
        if (key == null) {
            if (row.problems().isEmpty()) {
                row.problem(
                        ImportSheet.SOURCE_KEY, null, "is required: the row's stable key in the station's own records");
            }
            n.reject(row.problems());
            return;
        }
        try {
            boolean imported = scope.inSavepoint(c -> {
                Optional<Object[]> before = jobs.importedBy(c, sheet.name(), key);
                if (before.isPresent()) {
                    if (before.get()[0].equals(context.jobId())) {
                        row.problem(
                                ImportSheet.SOURCE_KEY,
                                key,
                                "appears twice in this file (first in row " + before.get()[1] + ")");
                        row.check();
                    }
                    return false;
                }
                Map<String, String> entity = sheet.importRow(c, row, context);
                row.check();
                if (entity == null) {
                    return false; // nothing for this sheet in the row (yet): not remembered
                }
                jobs.rowImported(c, sheet.name(), key, context.jobId(), row.number(), entity);
                return true;
            });
            if (imported) {
                n.imported++;
            } else {
                n.unchanged++;
            }
        } catch (RowRejected e) {
            n.reject(e.problems());
        } catch (HomewardException | DomainException refusal) {
            HomewardException e = DomainProblems.asProblem(refusal);
            List<RowProblem> problems = new ArrayList<>();
            if (e.errors().isEmpty()) {
                problems.add(new RowProblem(row.number(), null, null, null, e.getMessage()));
            }
            for (FieldError error : e.errors()) {
                String column = row.header(error.field());
                problems.add(new RowProblem(
                        row.number(),
                        column,
                        error.field(),
                        row.raw(error.field()),
                        column == null && !error.field().isBlank()
                                ? error.field() + " " + error.message()
                                : error.message()));
            }
            n.reject(problems);
        } catch (ConcurrencyConflictException e) {
            n.reject(List.of(new RowProblem(
                    row.number(),
                    null,
                    null,
                    null,
                    "A record this row changes was changed by someone else meanwhile; import the file again")));
        }
    }

    /** Maps each header cell to a field; answers the problems with the header. */
    static List<RowProblem> resolve(
            ImportSheet sheet,
            List<String> header,
            long headerRow,
            Map<String, String> columnMap,
            Map<Integer, String> fields) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, String> byName = new HashMap<>();
        for (Column col : sheet.columns()) {
            byName.put(normal(col.field()), col.field());
            byName.put(normal(col.header()), col.field());
            byName.put(normal(col.templateHeader()), col.field());
            col.aliases().forEach(a -> byName.put(normal(a), col.field()));
        }
        Map<String, String> mapped = new HashMap<>();
        columnMap.forEach((h, f) -> mapped.put(normal(h), f));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h == null || h.isBlank()) {
                continue;
            }
            String field = mapped.containsKey(normal(h)) ? mapped.get(normal(h)) : byName.get(normal(h));
            if ("-".equals(field)) {
                continue; // left out on purpose
            }
            if (field == null && sheet.ignoresOtherColumns()) {
                continue;
            }
            if (field == null) {
                problems.add(new RowProblem(
                        headerRow,
                        h,
                        null,
                        h,
                        "is not a column of the sheet " + sheet.name() + "; map it to one with map=" + h
                                + ":<field> or leave it out with map=" + h + ":-"));
                continue;
            }
            Integer earlier = seen.put(field, i);
            if (earlier != null) {
                problems.add(new RowProblem(
                        headerRow, h, field, h, "names the same field as column " + header.get(earlier)));
                continue;
            }
            fields.put(i, field);
        }
        for (Column col : sheet.columns()) {
            if (col.required() && !seen.containsKey(col.field())) {
                problems.add(new RowProblem(
                        headerRow,
                        col.templateHeader(),
                        col.field(),
                        null,
                        "The required column " + col.templateHeader() + " is missing"));
            }
        }
        return problems;
    }

    /** Header text compared without spaces, case or a trailing "(field)". */
    static String normal(String header) {
        return header.replace("\uFEFF", "")
                .replace('（', '(')
                .replace('）', ')')
                .replaceAll("\\s+", "")
                .toLowerCase(Locale.ROOT);
    }

    private static final class Counter {
        long read;
        long imported;
        long unchanged;
        long rejected;
        long problemCount;
        final List<RowProblem> problems = new ArrayList<>();

        void reject(List<RowProblem> found) {
            rejected++;
            add(found);
        }

        void add(List<RowProblem> found) {
            problemCount += found.size();
            for (RowProblem p : found) {
                if (problems.size() < PROBLEMS_KEPT) {
                    problems.add(p);
                }
            }
        }

        ImportJobs.Progress progress() {
            return new ImportJobs.Progress(read, imported, unchanged, rejected, problemCount);
        }
    }
}
