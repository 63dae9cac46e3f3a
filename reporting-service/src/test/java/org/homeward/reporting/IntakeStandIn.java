package org.homeward.reporting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * intake-service's name look-up as reporting's tests meet it (the real one is exercised across the
 * services in acceptance's DrillDownNamesTest): it answers a name for every person asked,
 * {@code 受助人} and the id's first four characters, and tells at {@code /last-authorization} the
 * bearer token the last look-up carried, so a test sees that the caller's own token was forwarded.
 * Registered for every reporting test, so none of them can reach an intake that happens to run here.
 */
public class IntakeStandIn implements QuarkusTestResourceLifecycleManager {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private HttpServer server;
    private volatile String lastAuthorization = "";

    public static String nameOf(String personId) {
        return "受助人" + personId.substring(0, 4);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/persons/names", exchange -> {
            lastAuthorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> ids =
                    UUID.matcher(body).results().map(MatchResult::group).toList();
            reply(
                    exchange,
                    ids.stream()
                            .map(id -> "{\"personId\":\"" + id + "\",\"name\":\"" + nameOf(id)
                                    + "\",\"identityStatus\":\"CONFIRMED\"}")
                            .collect(Collectors.joining(",", "[", "]")));
        });
        server.createContext("/last-authorization", exchange -> reply(exchange, "\"" + lastAuthorization + "\""));
        server.start();
        return Map.of(
                "homeward.intake.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
