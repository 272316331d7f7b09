package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.operator.Operator;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.store.Database;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandPublisher;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * The console against a real broker and simulated stores that run the gateway's sync code: one
 * operator isolates the whole fleet from the page; a fleet-wide restoration goes in waves once a
 * second person approved it, and every event the stores queued reaches central once.
 */
class FleetConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSPHRASE = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void oneOperatorIsolatesTheFleetAndARestorationInWavesNeedsAnApproverAndDrainsEveryEventOnce() throws Exception {
        List<String> ids = FleetSimulator.ids("S", 6, "");
        List<RegisteredStore> stores = ids.stream().map(id -> new RegisteredStore(id,
                ids.indexOf(id) < 3 ? "north" : "south", ids.indexOf(id) == 0 ? Set.of("pilot") : Set.of())).toList();
        FleetRegister.write(folder.resolve("fleet.csv"), stores);
        RegionalSettings settings = new RegionalSettings("127.0.0.1", 0, URI.create("tcp://127.0.0.1:1"),
                folder.resolve("console.db"), folder.resolve("fleet.csv"), 50, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofHours(2));
        Operator alice;
        Operator bea;
        try (Database database = RegionalConsole.openDatabase(settings)) {
            Operators operators = new Operators(database, TestClocks.TICKING);
            alice = operators.add("alice", Role.OPERATOR, PASSPHRASE.toCharArray(), "test");
            bea = operators.add("bea", Role.APPROVER, PASSPHRASE.toCharArray(), "test");
            operators.add("vic", Role.VIEWER, PASSPHRASE.toCharArray(), "test");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             CentralConsumer central = CentralConsumer.start(broker.uri(), TestClocks.TICKING)) {
            SyncConfig sync = SyncConfig.off().withBroker(broker.uri())
                    .withTrustedKey("alice", alice.publicKey()).withTrustedKey("bea", bea.publicKey())
                    .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5));
            try (FleetSimulator fleet = FleetSimulator.start(folder.resolve("stores"), ids, sync, TestClocks.TICKING);
                 RegionalConsole console = RegionalConsole.start(new RegionalSettings("127.0.0.1", 0, broker.uri(),
                         settings.database(), settings.register(), 50, Duration.ofSeconds(10), Duration.ofMinutes(10),
                         Duration.ofHours(2)), TestClocks.TICKING);
                 TestBrowser browser = TestBrowser.start()) {
                String base = "http://127.0.0.1:" + console.port();
                WebDriver page = browser.driver();
                page.get(base + "/fleet");
                signIn(page, "alice");
                WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
                wait.until(d -> d.findElement(By.id("total-normal")).getText().equals("6"));
                assertThat(page.findElements(By.cssSelector("#stores tr"))).hasSize(6);
                TestBrowser.assertAccessible(page, "the fleet page");

                // Filtering is on the page: a region shows its three stores.
                page.findElement(By.id("filter-region")).sendKeys("south");
                wait.until(d -> d.findElement(By.id("shown")).getText().equals("3 shown"));
                page.findElement(By.id("filter-region")).clear();
                page.findElement(By.id("filter-region")).sendKeys(" ");
                page.findElement(By.id("filter-region")).clear();

                // One operator isolates everything, fleet-wide, at once.
                new Select(page.findElement(By.id("act-kind"))).selectByValue("all");
                page.findElement(By.id("act-send")).click();
                wait.until(d -> d.findElement(By.id("message")).getText().contains("sent to 6 stores"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ISOLATED) == 6);
                wait.until(d -> d.findElement(By.id("total-isolated")).getText().equals("6"));

                // Isolated, the stores keep trading: each queues work central has not seen.
                fleet.work(Capability.ORDERS, 40);
                assertThat(central.appliedCount()).isZero();

                // A viewer may look but not act; a fleet-wide RESTORE by one person is refused twice over.
                String viewer = signInByApi(base, "vic");
                assertThat(post(base, viewer, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"ORDERS\"],"
                        + "\"target\":{\"kind\":\"all\"}}").statusCode()).isEqualTo(403);
                String aliceToken = signInByApi(base, "alice");
                HttpResponse<String> direct = post(base, aliceToken, "/api/containment", "{\"type\":\"RESTORE\","
                        + "\"capabilities\":[\"ORDERS\"],\"target\":{\"kind\":\"all\"}}");
                assertThat(direct.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(direct.body()).path("code").asText()).isEqualTo("approval-required");
                publishSingleSignedFleetRestore(broker.uri(), console);
                Thread.sleep(2_000);
                assertThat(fleet.count(Capability.ORDERS, CapabilityState.ISOLATED))
                        .as("stores refuse a fleet-wide RESTORE with one signature").isEqualTo(6);

                // Alice asks for a restoration of ORDERS in waves of two; she may not approve it herself.
                page.findElement(By.id("waves-size")).clear();
                page.findElement(By.id("waves-size")).sendKeys("2");
                page.findElement(By.id("waves-request")).click();
                wait.until(d -> d.findElement(By.id("message")).getText().contains("waits for an approver"));
                String plan = JSON.readTree(get(base, aliceToken, "/api/waves").body()).path("plans").get(0)
                        .path("id").asText();
                HttpResponse<String> own = post(base, aliceToken, "/api/approvals/" + plan, "{\"decision\":\"APPROVE\"}");
                assertThat(own.statusCode()).isEqualTo(403);
                assertThat(JSON.readTree(own.body()).path("code").asText()).isEqualTo("role-required");
                Thread.sleep(1_500);
                assertThat(fleet.count(Capability.ORDERS, CapabilityState.ISOLATED)).isEqualTo(6);

                // Bea approves from the page; the waves go, two stores at a time, until all drained.
                page.findElement(By.id("passphrase")).clear();
                signIn(page, "bea");
                wait.until(d -> !d.findElements(By.cssSelector("#plan-" + plan + " .plan-approve")).isEmpty());
                page.findElement(By.cssSelector("#plan-" + plan + " .plan-approve")).click();
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ONLINE) == 6);
                await().atMost(Duration.ofSeconds(30)).until(() -> console.services().waves().find(plan).orElseThrow()
                        .state().equals("DONE"));
                assertThat(console.services().waves().find(plan).orElseThrow().wave()).isEqualTo(3);
                assertThat(central.appliedCount()).isEqualTo(6 * 40);
                assertThat(central.duplicates()).isZero();
                assertThat(fleet.count(Capability.REFUNDS, CapabilityState.ISOLATED))
                        .as("only ORDERS was restored").isEqualTo(6);

                // The store's page shows what it was sent and that it obeyed.
                JsonNode storePage = JSON.readTree(get(base, aliceToken, "/api/stores/" + ids.get(4)).body());
                assertThat(storePage.path("commands")).anySatisfy(command -> {
                    assertThat(command.path("type").asText()).isEqualTo("RESTORE");
                    assertThat(command.path("approvedBy").asText()).isEqualTo("bea");
                    assertThat(command.path("obeyedAt").isTextual()).isTrue();
                });
                assertThat(storePage.path("events").toString()).contains("ORDERS ISOLATED");
                assertThat(JSON.readTree(get(base, aliceToken, "/api/audit").body()).path("chain").asText())
                        .startsWith("intact");
            }
        }
    }

    private static void signIn(WebDriver page, String operator) {
        page.findElement(By.id("operator")).clear();
        page.findElement(By.id("operator")).sendKeys(operator);
        page.findElement(By.id("passphrase")).sendKeys(PASSPHRASE);
        page.findElement(By.id("signin-button")).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("who")).getText()
                .startsWith(operator));
    }

    /** What a rogue or hurried operator with only their own key could publish: refused by every store. */
    private static void publishSingleSignedFleetRestore(URI broker, RegionalConsole console) {
        Operators.Unlocked alice = console.services().operators().unlock("alice", PASSPHRASE.toCharArray())
                .orElseThrow();
        Instant now = TestClocks.TICKING.instant();
        String restore = "{\"id\":\"rogue\",\"store\":\"all\",\"sequence\":" + (now.toEpochMilli() + 10_000_000)
                + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plusSeconds(60) + "\",\"type\":\"RESTORE\","
                + "\"capabilities\":[\"ORDERS\"]}";
        CommandPublisher.publishOnce(broker, Topics.fleetCommands(), alice.signer().envelope(restore));
    }

    private static String signInByApi(String base, String operator) throws Exception {
        HttpResponse<String> answer = post(base, "", "/api/sessions", "{\"operator\":\"" + operator
                + "\",\"passphrase\":\"" + PASSPHRASE + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("token").asText();
    }

    private static HttpResponse<String> post(String base, String token, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String base, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
