package org.homeward.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for the four services' public REST APIs. */
public final class HomewardClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> baseUrls;
    private final String token;

    /** {@code baseUrls}: intake, search, outreach, reporting → e.g. http://127.0.0.1:8081; {@code token}: a bearer JWT. */
    public HomewardClient(Map<String, String> baseUrls, String token) {
        this.baseUrls = baseUrls;
        this.token = token;
    }

    public HomewardClient as(String otherToken) {
        return new HomewardClient(baseUrls, otherToken);
    }

    /** The services of ./homeward up, with the token in HOMEWARD_TOKEN. */
    public static HomewardClient local() {
        return new HomewardClient(
                Map.of(
                        "intake", env("HOMEWARD_INTAKE_URL", "http://127.0.0.1:8081"),
                        "search", env("HOMEWARD_SEARCH_URL", "http://127.0.0.1:8082"),
                        "outreach", env("HOMEWARD_OUTREACH_URL", "http://127.0.0.1:8083"),
                        "reporting", env("HOMEWARD_REPORTING_URL", "http://127.0.0.1:8084")),
                env("HOMEWARD_TOKEN", null));
    }

    public JsonNode post(String service, String path, Object body) {
        return send(
                service,
                HttpRequest.newBuilder(uri(service, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(write(body))),
                200,
                201,
                202);
    }

    /** A POST with an {@code Idempotency-Key}: sent again (to any instance of the service), it is answered, not redone. */
    public JsonNode post(String service, String path, Object body, String idempotencyKey) {
        return send(
                service,
                HttpRequest.newBuilder(uri(service, path))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(write(body))),
                200,
                201,
                202);
    }

    public JsonNode get(String service, String path) {
        return send(
                service,
                HttpRequest.newBuilder(uri(service, path))
                        .header("Accept", "application/json")
                        .GET(),
                200);
    }

    public String getText(String service, String path, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path))
                    .header("Accept", accept)
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status(String service, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(uri(service, path)).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode send(String service, HttpRequest.Builder request, int... ok) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (int status : ok) {
                if (response.statusCode() == status) {
                    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
                }
            }
            throw new IllegalStateException(service + " answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri() + ": " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String service, String path) {
        return URI.create(baseUrls.get(service) + path);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
