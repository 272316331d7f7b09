package io.holdfast.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page in Debian's headless Chromium, driven over the DevTools protocol with the JDK's own
 * WebSocket client: enough for {@code bench-console} to open the fleet page and time it from inside,
 * without putting Selenium (and its 22 MB of libraries) on the launcher's class path and into every
 * release bundle. The tests drive pages with Selenium.
 */
final class HeadlessPage implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessPage(Process chromium, Path profile, WebSocket socket, Listener listener) {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = socket;
        listener.page = this;
    }

    /** A blank page, or empty where Debian's chromium is not installed. */
    static Optional<HeadlessPage> open() throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.empty();
        }
        Path profile = Files.createTempDirectory("holdfast-bench-chromium");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,800", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(profile, chromium);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    page = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium shows no page to drive: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener)
                    .get(30, TimeUnit.SECONDS);
            return Optional.of(new HeadlessPage(chromium, profile, socket, listener));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            chromium.destroyForcibly();
            throw new IOException("cannot reach chromium's DevTools: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            chromium.destroyForcibly();
            throw e;
        }
    }

    /** Goes to {@code url} and waits until the page has loaded. */
    void navigate(String url) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        call("Page.navigate", params);
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IOException(url + " did not finish loading");
            }
            Thread.sleep(100);
        }
    }

    /** The value of a JavaScript expression in the page (a promise is awaited). */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IOException("the page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no answer from chromium", e);
        } finally {
            waiting.remove(id);
        }
    }

    private void answered(JsonNode message) {
        if (message.has("id")) {
            Optional.ofNullable(waiting.get(message.get("id").asInt())).ifPresent(future -> future.complete(message));
        }
    }

    /** Chromium writes the port it chose into the profile; it may take a few seconds to start. */
    private static int devToolsPort(Path profile, Process chromium) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!chromium.isAlive()) {
                throw new IOException("chromium stopped: " + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.exists(file)) {
                String first = Files.readString(file).lines().findFirst().orElse("");
                if (!first.isBlank()) {
                    return Integer.parseInt(first.strip());
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium did not open its DevTools port within 30 s");
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BenchSupport.deleteTree(profile);
    }

    /** Collects each message's frames and hands the whole message to the page it belongs to. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder frames = new StringBuilder();
        private volatile HeadlessPage page;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(frames.toString());
                    if (page != null) {
                        page.answered(message);
                    }
                } catch (IOException e) {
                    // Not JSON: not an answer to anything we asked.
                }
                frames.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
