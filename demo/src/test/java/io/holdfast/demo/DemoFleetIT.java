package io.holdfast.demo;

import static io.holdfast.demo.Launched.find;
import static io.holdfast.demo.Launched.get;
import static io.holdfast.demo.Launched.handOverEverything;
import static io.holdfast.demo.Launched.readUntil;
import static io.holdfast.demo.Launched.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The newcomer's fleet story on the packaged demo: regional IT isolates the whole fleet from the
 * console, the demo store's desk goes on offline, and a restoration in waves, approved by a second
 * person, brings it back with the desk's work at central.
 */
class DemoFleetIT {

    private static final Pattern GATEWAY_URL = Pattern.compile("gateway\\s+(http://localhost:\\d+)/");
    private static final Pattern CONSOLE_URL = Pattern.compile("regional console (http://127\\.0\\.0\\.1:\\d+)/fleet");
    private static final Pattern CENTRAL = Pattern.compile("central switches (http://localhost:\\d+/sim)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void theConsoleIsolatesTheFleetAndRestoresItInWavesWithTheDemoStoreAmongThem() throws Exception {
        Process demo = Launched.launch(folder, "demo", "--port", "0", "--sim-port", "0", "--mqtt-port", "0",
                "--console-port", "0", "--stores", "30", "--data", folder.resolve("data").toString());
        try {
            List<String> welcome = readUntil(demo, "Press Ctrl+C", Duration.ofSeconds(90));
            String base = find(GATEWAY_URL, welcome);
            String console = find(CONSOLE_URL, welcome);
            assertThat(String.join("\n", welcome)).contains("30 stores: this one and 29 simulated");
            String alice = consoleSignIn(console, "alice", "alice demo passphrase");
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet(console, alice).path("totals").path("modes")
                    .path("NORMAL").asInt() == 30);

            assertThat(post(console, alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"],"
                    + "\"target\":{\"kind\":\"all\"},\"reason\":\"incident\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/api/v1/status").body(),
                    status -> status.contains("\"ORDERS\":{\"state\":\"ISOLATED\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet(console, alice).path("totals").path("isolated")
                    .asInt() == 30);

            // The desk keeps handing over parcels while head office is cut off.
            handOverEverything(base, signIn(base, "S1001", "1234"), "CC-100001");
            String sim = find(CENTRAL, welcome);
            assertThat(get(sim + "/ledger").body()).doesNotContain("\"aggregate\":\"CC-100001\"");

            HttpResponse<String> asked = post(console, alice, "/api/waves", "{\"capability\":\"ORDERS\","
                    + "\"storesPerWave\":10}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
            String plan = JSON.readTree(asked.body()).path("id").asText();
            String bea = consoleSignIn(console, "bea", "bea demo passphrase");
            assertThat(post(console, bea, "/api/approvals/" + plan, "{\"decision\":\"APPROVE\"}").statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(120)).until(() -> get(base + "/api/v1/status").body(),
                    status -> status.contains("\"ORDERS\":{\"state\":\"ONLINE\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(sim + "/ledger").body(),
                    ledger -> ledger.contains("\"aggregate\":\"CC-100001\""));
            JsonNode store = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(console + "/api/stores/0421"))
                    .header("Authorization", "Bearer " + alice).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(store.path("commands").findValuesAsText("type")).contains("ISOLATE", "RESTORE");
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }
    }

    private static String consoleSignIn(String console, String operator, String passphrase) throws Exception {
        HttpResponse<String> answer = post(console, "", "/api/sessions", "{\"operator\":\"" + operator
                + "\",\"passphrase\":\"" + passphrase + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("token").asText();
    }

    private static JsonNode fleet(String console, String token) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(console + "/api/fleet"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> post(String console, String token, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(console + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
