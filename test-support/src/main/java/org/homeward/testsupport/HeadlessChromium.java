package org.homeward.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the DevTools protocol, so a test uses a page as a person
 * would: open it, type into a field, click, and read what it shows. The page runs with its real
 * headers (Content-Security-Policy included); only what the test evaluates bypasses them.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /** {@code HOMEWARD_CHROMIUM}, else /usr/bin/chromium, if it is there. */
    public static Optional<Path> executable() {
        Path path = Path.of(System.getenv().getOrDefault("HOMEWARD_CHROMIUM", "/usr/bin/chromium"));
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    public static HeadlessChromium start(Path executable) {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            Process process = new ProcessBuilder(
                            executable.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--remote-debugging-port=0",
                            "--remote-allow-origins=*",
                            "--user-data-dir=" + profile,
                            "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                return new HeadlessChromium(process, profile);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
        HttpClient http = HttpClient.newHttpClient();
        int port = devToolsPort(process, profile.resolve("DevToolsActivePort"));
        try {
            JsonNode targets = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                page = json.readTree(http.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://127.0.0.1:" + port + "/json/new?about:blank"))
                                                .PUT(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .get("webSocketDebuggerUrl")
                        .asText();
            }
            this.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(page), new Replies())
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach Chromium's DevTools on port " + port, e);
        }
    }

    private static int devToolsPort(Process process, Path portFile) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).strip());
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Chromium exited with " + process.exitValue());
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 60 s");
    }

    /** Runs {@code source} in every document before the page's own scripts (e.g. to listen for CSP violations). */
    public void beforeEveryPage(String source) {
        call("Page.enable", Map.of());
        call("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    public void open(String url) {
        call("Page.navigate", Map.of("url", url));
        await("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(60));
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    public JsonNode evaluate(String expression) {
        JsonNode reply =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (reply.has("exceptionDetails")) {
            throw new IllegalStateException("'" + expression + "' threw: " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** Waits until the expression is true in the page; fails after {@code timeout} saying so. */
    public void await(String expression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("!!(" + expression + ")").asBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Not true within " + timeout + ": " + expression);
    }

    /** A left click at a point of the viewport (CSS pixels), as a mouse would give it: drawn charts see a real click. */
    public void click(double x, double y) {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        call(
                "Input.dispatchMouseEvent",
                Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        call(
                "Input.dispatchMouseEvent",
                Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    /** Lays the page out as on a screen this wide and high (CSS pixels), a phone's when {@code mobile}. */
    public void viewport(int width, int height, boolean mobile) {
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** The viewport as a PNG, for a person to look at what the test saw. */
    public byte[] screenshot() {
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", Map.of("format", "png"))
                        .get("data")
                        .asText());
    }

    /** The page's DOM as HTML now. */
    public String dom() {
        return evaluate("document.documentElement.outerHTML").asText();
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(json.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode answer = reply.get(90, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting =
                            message.has("id") ? pending.get(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (IOException e) {
                    // not a reply we wait for
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        socket.abort();
        // Chromium's helper processes (network service, renderers) outlive the browser process for a
        // moment and keep writing into the profile: stop them all before the profile goes.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle helper : helpers) {
                helper.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            helpers.forEach(ProcessHandle::destroyForcibly);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory a late write raced with; the OS cleans it up
        }
    }
}
