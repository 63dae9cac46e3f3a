package org.homeward.platform.web;

import jakarta.ws.rs.core.EntityTag;
import org.homeward.platform.problem.HomewardException;

/** Optimistic concurrency over HTTP: the stream version is the ETag, If-Match sends it back. */
public final class Versions {

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version named by an If-Match header, or null when the caller sent none. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip().replaceAll("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw HomewardException.badInput("If-Match", "must be the ETag of the record, e.g. \"3\"");
        }
    }

    private Versions() {}
}
