package org.homeward.platform.web;

import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Work lists read a page at a time ({@code limit}, {@code offset}; default {@value #DEFAULT_LIMIT},
 * at most {@value #MAX_LIMIT}): the body stays the list it always was, and {@value #TOTAL_HEADER}
 * says how many rows the whole list has (ADR 13).
 */
public final class Paging {
    public static final String DEFAULT_LIMIT = "100";
    public static final int MAX_LIMIT = 1000;
    public static final String TOTAL_HEADER = "X-Total-Count";

    /** One page of rows already sliced, with the whole list's size. */
    public static <T> RestResponse<List<T>> page(List<T> rows, long total) {
        return RestResponse.ResponseBuilder.ok(rows).header(TOTAL_HEADER, total).build();
    }

    /** One page cut from a whole list computed in memory. */
    public static <T> RestResponse<List<T>> slice(List<T> all, int limit, int offset) {
        int from = Math.min(offset, all.size());
        return page(List.copyOf(all.subList(from, Math.min(all.size(), from + limit))), all.size());
    }

    private Paging() {}
}
