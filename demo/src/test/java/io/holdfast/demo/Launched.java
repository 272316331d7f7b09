package io.holdfast.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** The packaged launcher run as separate processes, as a person or systemd would, and what it printed. */
final class Launched {

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static final Path JAR = Path.of("target", "holdfast.jar").toAbsolutePath();

    private Launched() {
    }

    /** Runs the packaged launcher in {@code folder} with {@code args}; its output is read by the caller. */
    static Process launch(Path folder, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(folder.toFile()).start();
    }

    /** Runs the packaged launcher with its output (and its children's) going to {@code log}. */
    static Process launchLogged(Path folder, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    static List<String> command(String... args) {
        // C1 only and the serial collector: these JVMs share two cores with the test and each other, and
        // most live seconds; it changes how fast they start, not what they do.
        List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static List<String> readUntil(Process process, String marker, Duration timeout) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        Thread.ofVirtual().start(() -> drain(process));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(marker)) {
                    return seen;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("the demo did not print '" + marker + "' in " + timeout + "; it printed: " + seen);
    }

    static void drain(Process process) {
        try {
            process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    static String find(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + " in " + lines);
    }

    static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static String signIn(String base, String staffId, String pin) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"staffId\": \"" + staffId + "\", \"pin\": \"" + pin + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    static HttpResponse<String> awaitOk(String url, String token) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(url, token), response -> response.statusCode() == 200);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, "");
    }

    /** A GET, with the bearer token when there is one. */
    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Hands over every line of an order at the desk, as a colleague would. */

    static void handOverEverything(String base, String token, String orderId) throws Exception {
        JsonNode answer = MAPPER.readTree(get(base + "/api/v1/orders/" + orderId, token).body());
        JsonNode order = answer.has("lines") ? answer : answer.path("order");
        var lines = MAPPER.createArrayNode();
        for (JsonNode line : order.path("lines")) {
            lines.addObject().put("lineNumber", line.path("lineNumber").asInt())
                    .put("quantity", line.path("quantity").asInt() - line.path("quantityCollected").asInt());
        }
        var body = MAPPER.createObjectNode().put("verification", "ID_SEEN");
        body.set("lines", lines);
        HttpResponse<String> collected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/orders/" + orderId + "/collections"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", "launcher-" + orderId)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
    }
}
