package org.homeward.platform.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every response says {@code X-Content-Type-Options: nosniff}; the platform's own HTML pages (the
 * reporting dashboard, the annual report) get a Content-Security-Policy unless they set a
 * stricter one of their own. Quarkus's tools under /q (Swagger UI) keep theirs.
 */
@ApplicationScoped
public class SecurityHeaders {
    /** Scripts, styles and data only from the page's own origin; no inline script, no framing. */
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    rc.addHeadersEndHandler(ignored -> {
                        MultiMap headers = rc.response().headers();
                        headers.set("X-Content-Type-Options", "nosniff");
                        String type = headers.get("Content-Type");
                        if (type != null
                                && type.startsWith("text/html")
                                && !rc.normalizedPath().startsWith("/q/")
                                && !headers.contains("Content-Security-Policy")) {
                            headers.set("Content-Security-Policy", PAGE_POLICY);
                        }
                    });
                    rc.next();
                },
                200);
    }
}
