package io.holdfast.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static io.holdfast.demo.Launched.awaitOk;
import static io.holdfast.demo.Launched.find;
import static io.holdfast.demo.Launched.freePort;
import static io.holdfast.demo.Launched.get;
import static io.holdfast.demo.Launched.handOverEverything;
import static io.holdfast.demo.Launched.output;
import static io.holdfast.demo.Launched.readUntil;
import static io.holdfast.demo.Launched.signIn;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, run as a person would: {@code holdfast demo} serves a seeded store
 * against the central simulator over real sockets, {@code holdfast backup} copies it while it
 * runs, and {@code holdfast serve} on a broken store exits non-zero with one line.
 */
class LauncherIT {


    private static final Pattern GATEWAY_URL = Pattern.compile("gateway\\s+(http://localhost:\\d+)/");
    private static final Pattern SAMPLE_ORDER = Pattern.compile("try\\s+order (CC-\\d+)");
    private static final Pattern SAMPLE_NAME = Pattern.compile("or the name and postcode \"([^\"]+)\"");
    private static final Pattern ISOLATE_LINE = Pattern.compile("regional IT\\s+\\./holdfast (sign .+)$");
    private static final Pattern CENTRAL_SWITCHES = Pattern.compile("central switches (http://localhost:\\d+/sim)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void theDemoServesASeededStoreThatCanBeBackedUpWhileItRuns() throws Exception {
        Process demo = launch("demo", "--port", "0", "--sim-port", "0", "--mqtt-port", "0", "--console-port", "0",
                "--stores", "10", "--data", folder.resolve("data").toString());
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

            // The welcome's regional-IT line, pasted as printed, isolates this demo (its own broker and key).
            Process sign = launch(find(ISOLATE_LINE, welcome).split(" "));
            assertThat(sign.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sign.exitValue()).as(output(sign)).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> get(base + "/api/v1/status").body(),
                    status -> status.contains("\"ORDERS\":{\"state\":\"ISOLATED\""));
            assertThat(String.join("\n", welcome)).contains("a till           device till-1, token ");

            Path copy = folder.resolve("backup/holdfast-copy.db");
            Process backup = launch("backup", "--database", folder.resolve("data/holdfast.db").toString(), copy.toString());
            assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backup.exitValue()).as(output(backup)).isZero();
            assertThat(Files.size(copy)).isPositive();

            // The day report from the store file while the store runs: ORDERS has been isolated today.
            Process report = launch("report", "day", "today", "--database", folder.resolve("data/holdfast.db").toString());
            assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String printed = output(report);
            assertThat(report.exitValue()).as(printed).isZero();
            assertThat(printed).contains("Day report").contains("Orders: offline").contains("Not signed off");
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }
    }

    /**
     * Issue 15, item 12: central-sim kept its books in memory, so after a restart it waited for
     * predecessors it had applied in the last run and the store's new events never drained.
     */
    @Test
    void aRestartedDemoDrainsWorkDoneAfterTheRestartAndCentralsLedgerShowsEachEventOnce() throws Exception {
        String data = folder.resolve("data").toString();
        Process first = launch("demo", "--port", "0", "--sim-port", "0", "--mqtt-port", "0", "--console-port", "0",
                "--stores", "10", "--data", data);
        String firstOrder;
        String name;
        try {
            List<String> welcome = readUntil(first, "Press Ctrl+C", Duration.ofSeconds(60));
            firstOrder = find(SAMPLE_ORDER, welcome);
            name = find(SAMPLE_NAME, welcome);
            String base = find(GATEWAY_URL, welcome);
            handOverEverything(base, signIn(base, "S1001", "1234"), firstOrder);
            awaitCollectionsAtCentral(find(CENTRAL_SWITCHES, welcome), List.of(firstOrder));
        } finally {
            first.destroy();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }

        Process second = launch("demo", "--port", "0", "--sim-port", "0", "--mqtt-port", "0", "--console-port", "0",
                "--stores", "10", "--data", data);
        try {
            List<String> welcome = readUntil(second, "Press Ctrl+C", Duration.ofSeconds(60));
            assertThat(String.join("\n", welcome)).contains("kept from last time");
            String base = find(GATEWAY_URL, welcome);
            String token = signIn(base, "S1001", "1234");
            HttpResponse<String> found = get(base + "/api/v1/orders?query="
                    + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8), token);
            String secondOrder = JSON.readTree(found.body()).findValuesAsText("orderId").stream()
                    .filter(id -> !id.equals(firstOrder)).findFirst()
                    .orElseThrow(() -> new AssertionError("no other order for " + name + ": " + found.body()));
            handOverEverything(base, token, secondOrder);

            JsonNode ledger = awaitCollectionsAtCentral(find(CENTRAL_SWITCHES, welcome), List.of(secondOrder, firstOrder));
            JsonNode orders = flow(ledger, "ORDERS");
            assertThat(orders.path("applied").asLong()).as("events central applied in ORDERS").isGreaterThanOrEqualTo(2);
            assertThat(ledger.path("books").asText()).endsWith("central-sim.db");
        } finally {
            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }
    }

    /**
     * Issue 15, item 13: a store apart from central, by the recipe {@code demo --central-only} prints:
     * its configuration, staff added with {@code holdfast staff add}, and {@code holdfast serve} in a
     * second process; the hand-over reaches central's books. A third process serving the same store
     * from another store file stays off the broker and says why, and the first is not knocked off.
     */
    @Test
    void aStoreServedApartFromTheDemosHeadOfficeByThePrintedRecipeReachesCentral() throws Exception {
        int port = freePort();
        Process central = launch("demo", "--central-only", "--port", String.valueOf(port), "--sim-port", "0",
                "--mqtt-port", "0", "--data", folder.resolve("head-office").toString());
        Process serve = null;
        Process rival = null;
        try {
            List<String> printed = readUntil(central, "Press Ctrl+C", Duration.ofSeconds(60));
            Path config = Path.of(find(Pattern.compile("store config\\s+(\\S+)"), printed));
            String sim = find(CENTRAL_SWITCHES, printed);
            assertThat(String.join("\n", printed)).contains("./holdfast staff add --config " + config)
                    .contains("./holdfast serve --config " + config);

            Process staff = launch("staff", "add", "--config", config.toString(), "--id", "S1001", "--name", "Priya");
            staff.getOutputStream().write("1234\n".getBytes(StandardCharsets.UTF_8));
            staff.getOutputStream().close();
            assertThat(staff.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(staff.exitValue()).as(output(staff)).isZero();

            serve = launch("serve", "--config", config.toString());
            readUntil(serve, "is serving on port " + port, Duration.ofSeconds(60));
            String base = "http://localhost:" + port;
            String token = signIn(base, "S1001", "1234");
            awaitOk(base + "/api/v1/orders/CC-100001", token);
            handOverEverything(base, token, "CC-100001");
            awaitCollectionsAtCentral(sim, List.of("CC-100001"));

            int rivalPort = freePort();
            Path rivalConfig = Files.writeString(folder.resolve("rival.yaml"), Files.readString(config)
                    .replace("port: " + port, "port: " + rivalPort).replace("store-0421/", "store-0421-copy/"));
            rival = launch("serve", "--config", rivalConfig.toString());
            readUntil(rival, "is serving on port " + rivalPort, Duration.ofSeconds(60));
            JsonNode refused = await().atMost(Duration.ofSeconds(30)).until(
                    () -> JSON.readTree(get("http://localhost:" + rivalPort + "/api/v1/status").body()).path("sync"),
                    sync -> sync.path("refused").isTextual());
            assertThat(refused.path("refused").asText()).contains("another gateway for store 0421");
            assertThat(JSON.readTree(get(base + "/api/v1/status").body()).path("sync").path("connected").asBoolean())
                    .as("the first gateway keeps the broker").isTrue();
        } finally {
            for (Process process : new Process[]{rival, serve, central}) {
                if (process != null) {
                    process.destroy();
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
    }


    /** Waits until central's ledger shows a collection of each order, newest first, and each once. */
    private static JsonNode awaitCollectionsAtCentral(String sim, List<String> newestFirst) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(sim + "/ledger").body()),
                ledger -> {
                    List<String> collected = new ArrayList<>();
                    ledger.path("recent").forEach(event -> {
                        if (event.path("type").asText().equals("CollectionRecorded")) {
                            collected.add(event.path("aggregate").asText());
                        }
                    });
                    return collected.equals(newestFirst);
                });
    }

    private static JsonNode flow(JsonNode ledger, String capability) {
        for (JsonNode flow : ledger.path("flows")) {
            if (flow.path("capability").asText().equals(capability)) {
                return flow;
            }
        }
        throw new AssertionError("central's ledger has no " + capability + " flow: " + ledger);
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
        return Launched.launch(folder, args);
    }
}
