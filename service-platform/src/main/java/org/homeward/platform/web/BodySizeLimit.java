package org.homeward.platform.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An oversized body is refused as problem+json like every other bad input: one with a Content-Length
 * before it is read; a chunked one while it is read, here, up to the limit. Left to RESTEasy, a chunked
 * body over quarkus.http.limits.max-body-size gets a 413 with an empty body.
 */
@ApplicationScoped
public class BodySizeLimit {
    @ConfigProperty(name = "homeward.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    /**
     * Paths (a regular expression) that take uploads, such as photos, with their own larger limit; JSON
     * bodies elsewhere keep {@code homeward.max-body-bytes}. quarkus.http.limits.max-body-size must be at
     * least the upload limit.
     */
    @ConfigProperty(name = "homeward.upload.paths", defaultValue = "(?!)") // by default none
    String uploadPathPattern;

    @ConfigProperty(name = "homeward.upload.max-bytes", defaultValue = "65536")
    long uploadMaxBytes;

    /** Spreadsheet imports (POST /api/imports/{sheet}) take files of their own size; see onboarding.ImportResource. */
    @ConfigProperty(name = "homeward.import.max-bytes", defaultValue = "67108864")
    long importMaxBytes;

    private static final Pattern IMPORTS = Pattern.compile("/api/imports/[^/]+");

    void install(@Observes Router router) {
        Pattern uploadPaths = Pattern.compile(uploadPathPattern);
        BodyHandler chunkedJson =
                BodyHandler.create(false).setBodyLimit(maxBytes).setHandleFileUploads(false);
        BodyHandler chunkedUpload =
                BodyHandler.create(false).setBodyLimit(uploadMaxBytes).setHandleFileUploads(false);
        router.route().order(-1000).handler(rc -> {
            if (IMPORTS.matcher(rc.request().path()).matches()) {
                importBody(rc);
                return;
            }
            boolean upload = uploadPaths.matcher(rc.request().path()).matches();
            long maxBytes = upload ? uploadMaxBytes : this.maxBytes;
            BodyHandler chunked = upload ? chunkedUpload : chunkedJson;
            String length = rc.request().getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
                rc.response().putHeader("Connection", "close"); // the body is not read at all
                tooLarge(rc.response(), "The body has " + length + " bytes; at most " + maxBytes + " are accepted");
                return;
            }
            if (length == null && isChunked(rc)) {
                chunked.handle(rc); // buffers the body (RESTEasy reads it from there) or fails the request with 413
                return;
            }
            rc.next();
        });
        router.route().order(-1000).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().ended()) {
                long maxBytes = uploadPaths.matcher(rc.request().path()).matches() ? uploadMaxBytes : this.maxBytes;
                tooLarge(
                        rc.response(),
                        "The body has more than " + maxBytes + " bytes; at most " + maxBytes + " are accepted");
                return;
            }
            rc.next();
        });
    }

    /** An import's file is streamed to the resource (never buffered here); only a declared length is checked first. */
    private void importBody(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > importMaxBytes) {
            rc.response().putHeader("Connection", "close");
            tooLarge(rc.response(), "The file has " + length + " bytes; at most " + importMaxBytes + " are accepted");
            return;
        }
        rc.next();
    }

    /**
     * A chunked HTTP/1.1 body. (An HTTP/2 body without a length stays with RESTEasy's limit: Vert.x
     * refuses to pause an HTTP/2 request already read, which RESTEasy does with every request.)
     */
    private static boolean isChunked(RoutingContext rc) {
        return rc.request().version() != HttpVersion.HTTP_2 && rc.request().getHeader("Transfer-Encoding") != null;
    }

    private static void tooLarge(HttpServerResponse response, String detail) {
        response.setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .end(
                        "{\"type\":\"https://homeward.example/problems/payload-too-large\",\"title\":\"Payload too large\","
                                + "\"status\":413,\"detail\":\"" + detail
                                + "\",\"errors\":[{\"field\":\"body\",\"message\":\"too large\"}]}");
    }
}
