package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mqtt.Broker;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.operator.Operator;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.store.Database;
import io.holdfast.sync.SyncConfig;
import io.holdfast.testing.TestClocks;

/**
 * A console against a real broker (Moquette over TCP), central's consumer, and simulated stores
 * that run the gateway's sync code; operators alice (operator), bea (approver) and vic (viewer),
 * whom every store trusts.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String PASSPHRASE = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final EmbeddedBroker broker;
    final CentralConsumer central;
    final FleetSimulator fleet;
    final RegionalSettings settings;
    RegionalConsole console;

    private ConsoleFixture(EmbeddedBroker broker, CentralConsumer central, FleetSimulator fleet,
                           RegionalSettings settings, RegionalConsole console) {
        this.broker = broker;
        this.central = central;
        this.fleet = fleet;
        this.settings = settings;
        this.console = console;
    }

    /** @param region each store's region */
    static ConsoleFixture start(Path folder, List<String> ids, Function<String, String> region, long admittedRate) {
        List<RegisteredStore> stores = ids.stream().map(id -> new RegisteredStore(id, region.apply(id),
                id.equals(ids.getFirst()) ? Set.of("pilot") : Set.of())).toList();
        FleetRegister.write(folder.resolve("fleet.csv"), stores);
        EmbeddedBroker broker = EmbeddedBroker.start();
        RegionalSettings settings = new RegionalSettings("127.0.0.1", 0, Broker.at(broker.uri()), folder.resolve("console.db"),
                folder.resolve("fleet.csv"), admittedRate, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofHours(2));
        SyncConfig sync = SyncConfig.off().withBroker(broker.uri())
                .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5));
        try (Database database = RegionalConsole.openDatabase(settings)) {
            Operators operators = new Operators(database, TestClocks.TICKING);
            for (Operator operator : List.of(
                    operators.add("alice", Role.OPERATOR, PASSPHRASE.toCharArray(), "test"),
                    operators.add("bea", Role.APPROVER, PASSPHRASE.toCharArray(), "test"),
                    operators.add("vic", Role.VIEWER, PASSPHRASE.toCharArray(), "test"))) {
                sync = sync.withTrustedKey(operator.id(), operator.publicKey());
            }
        }
        CentralConsumer central = CentralConsumer.start(broker.uri(), TestClocks.TICKING);
        FleetSimulator fleet = FleetSimulator.start(folder.resolve("stores"), ids, sync, TestClocks.TICKING);
        ConsoleFixture office = new ConsoleFixture(broker, central, fleet, settings,
                RegionalConsole.start(settings, TestClocks.TICKING));
        // Every store connected (and so subscribed to its commands) once the console has its heartbeat.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> office.console.services().fleet()
                .totals().modes().getOrDefault("NORMAL", 0) == ids.size());
        return office;
    }

    /** Stops the console as a crash would and starts it again on the same database. */
    void restartConsole() {
        console.close();
        console = RegionalConsole.start(settings, TestClocks.TICKING);
    }

    String base() {
        return "http://127.0.0.1:" + console.port();
    }

    static void signIn(WebDriver page, String operator) {
        page.findElement(By.id("operator")).clear();
        page.findElement(By.id("operator")).sendKeys(operator);
        page.findElement(By.id("passphrase")).clear();
        page.findElement(By.id("passphrase")).sendKeys(PASSPHRASE);
        page.findElement(By.id("signin-button")).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("who")).getText()
                .startsWith(operator));
    }

    String signIn(String operator) throws Exception {
        HttpResponse<String> answer = post("", "/api/sessions", "{\"operator\":\"" + operator
                + "\",\"passphrase\":\"" + PASSPHRASE + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("token").asText();
    }

    HttpResponse<String> post(String token, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static String code(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("code").asText();
    }

    @Override
    public void close() {
        console.close();
        fleet.close();
        central.close();
        broker.close();
    }
}
