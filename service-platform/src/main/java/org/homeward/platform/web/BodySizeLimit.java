package org.homeward.platform.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An oversized body is refused before it is read, as problem+json like every other bad input
 * (Vert.x's own limit, quarkus.http.limits.max-body-size, stays behind it for bodies without a length).
 */
@ApplicationScoped
public class BodySizeLimit {
    @ConfigProperty(name = "homeward.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
                rc.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close")
                        .end("{\"type\":\"https://homeward.example/problems/payload-too-large\",\"title\":\"Payload too large\","
                                + "\"status\":413,\"detail\":\"The body has " + length + " bytes; at most " + maxBytes
                                + " are accepted\",\"errors\":[{\"field\":\"body\",\"message\":\"too large\"}]}");
                return;
            }
            rc.next();
        });
    }
}
