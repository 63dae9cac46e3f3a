package org.homeward.platform.export;

import java.util.function.Consumer;

/**
 * A table answered row by row as a database cursor yields it, never held whole: an endpoint returns
 * one, and the JSON, .xlsx and CSV writers pull its rows while they write the response. The source
 * runs its own read transaction when the response is written (so a list of any length costs the
 * memory of one fetch, and the connection is held while the client reads); anything that can refuse
 * the request (bad parameters, roles, the audit entry) is done by the endpoint before it returns one.
 */
public final class RowStream<T> {

    /** Runs the query, handing each row to the sink in order. */
    @FunctionalInterface
    public interface Source<T> {
        void forEach(Consumer<? super T> sink);
    }

    private final Class<T> rowType;
    private final Source<T> source;

    private RowStream(Class<T> rowType, Source<T> source) {
        if (!rowType.isRecord()) {
            throw new IllegalArgumentException(
                    rowType + " is not a record: a table's columns are a record's components");
        }
        this.rowType = rowType;
        this.source = source;
    }

    public static <T> RowStream<T> of(Class<T> rowType, Source<T> source) {
        return new RowStream<>(rowType, source);
    }

    public Class<T> rowType() {
        return rowType;
    }

    public void forEach(Consumer<? super T> sink) {
        source.forEach(sink);
    }
}
