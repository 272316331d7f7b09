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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, run as a person would: {@code holdfast demo} serves a seeded store
 * against the central simulator over real sockets, {@code holdfast backup} copies it while it
 * runs, and {@code holdfast serve} on a broken store exits non-zero with one line.
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "holdfast.jar").toAbsolutePath();
    private static final Pattern GATEWAY_URL = Pattern.compile("gateway\\s+(http://localhost:\\d+)/");
    private static final Pattern SAMPLE_ORDER = Pattern.compile("try\\s+order (CC-\\d+)");

    @TempDir
    Path folder;

    @Test
    void theDemoServesASeededStoreThatCanBeBackedUpWhileItRuns() throws Exception {
        Process demo = launch("demo", "--port", "0", "--sim-port", "0", "--data", folder.resolve("data").toString());
        try {
            List<String> welcome = readUntil(demo, "Press Ctrl+C", Duration.ofSeconds(60));
            String base = find(GATEWAY_URL, welcome);
            String orderId = find(SAMPLE_ORDER, welcome);
            assertThat(String.join("\n", welcome))
                    .contains("seeded just now: 200 receipts, 50 gift cards; 300 orders from central's manifest")
                    .contains("sign in as       S1001, PIN 1234");

            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
            String token = signIn(base, "S1001", "1234");
            HttpResponse<String> order = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/orders/" + orderId)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(order.statusCode()).isEqualTo(200);
            assertThat(order.body()).contains("\"orderId\":\"" + orderId + "\"");

            assertThat(get(base + "/api/v1/devices", "").statusCode()).as("devices need a session").isEqualTo(401);
            HttpResponse<String> devices = get(base + "/api/v1/devices", token);
            assertThat(devices.body()).contains("desk-1-printer", "desk-1-scanner", "till-1-terminal");
            HttpResponse<String> receipt = awaitOk(base + "/api/v1/devices/desk-1-printer/last-receipt?format=text", token);
            assertThat(receipt.body()).contains("HOLDFAST DEMO").contains("£0.00");

            Path copy = folder.resolve("backup/holdfast-copy.db");
            Process backup = launch("backup", "--database", folder.resolve("data/holdfast.db").toString(), copy.toString());
            assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backup.exitValue()).as(output(backup)).isZero();
            assertThat(Files.size(copy)).isPositive();
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }
    }

    @Test
    void serveOnAStoreThatCannotBeOpenedExitsNonZeroWithOneLine() throws Exception {
        Path broken = Files.writeString(folder.resolve("holdfast.db"), "this is not a database");
        Path config = Files.writeString(folder.resolve("store.yaml"),
                "server:\n  port: 0\nholdfast:\n  store:\n    database: " + broken + "\n");

        Process serve = launch("serve", "--config", config.toString());

        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> errors = new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("holdfast:")).toList();
        assertThat(serve.exitValue()).isEqualTo(1);
        assertThat(errors).singleElement().asString().contains(broken.toString()).contains("not a SQLite database");
        assertThat(broken).hasContent("this is not a database");
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(folder.toFile()).start();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static List<String> readUntil(Process process, String marker, Duration timeout) throws InterruptedException {
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

    private static void drain(Process process) {
        try {
            process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static String find(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + " in " + lines);
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String signIn(String base, String staffId, String pin) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"staffId\": \"" + staffId + "\", \"pin\": \"" + pin + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static HttpResponse<String> awaitOk(String url, String token) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get(url, token), response -> response.statusCode() == 200);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, "");
    }

    /** A GET, with the bearer token when there is one. */
    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
