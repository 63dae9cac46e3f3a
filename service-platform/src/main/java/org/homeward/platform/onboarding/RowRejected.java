package org.homeward.platform.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;

/** A row that cannot be imported, with every problem found in it. */
public class RowRejected extends RuntimeException {
    private final transient List<RowProblem> problems;

    public RowRejected(List<RowProblem> problems) {
        super(problems.isEmpty() ? "rejected" : problems.get(0).problem());
        this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
        return problems;
    }

    /**
     * A rule the aggregate or use case refused (a domain exception or a HomewardException), as problems of the row. {@code renames} maps the
     * command's field names to the sheet's (a command's {@code occurredAt} is, say, the {@code dischargedAt} column).
     */
    public static RowRejected of(ImportRow row, RuntimeException refusal, Map<String, String> renames) {
        HomewardException e = DomainProblems.asProblem(refusal);
        List<RowProblem> found = new ArrayList<>();
        for (FieldError error : e.errors()) {
            String field = renames.getOrDefault(error.field(), error.field());
            String column = row.header(field);
            found.add(new RowProblem(
                    row.number(),
                    column,
                    field,
                    row.raw(field),
                    column == null ? field + ": " + error.message() : error.message()));
        }
        if (found.isEmpty()) {
            found.add(new RowProblem(row.number(), null, null, null, e.getMessage()));
        }
        return new RowRejected(found);
    }
}
