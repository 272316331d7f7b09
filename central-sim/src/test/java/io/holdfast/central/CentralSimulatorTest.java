package io.holdfast.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.central.demo.DemoDataset;
import io.holdfast.testing.TestClocks;

class CentralSimulatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private CentralSimulator central;
    private HttpClient client;

    @BeforeEach
    void start() {
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(),
                DemoDataset.generate("0421", new DemoDataset.Size(10, 2, 3), 1L, CLOCK), CLOCK);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        central.close();
    }

    @Test
    void aHealthyServiceAnswersFromTheDataset() throws Exception {
        HttpResponse<String> response = getOrder("CC-100003", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"CC-100003\"");
        assertThat(getOrder("CC-999999", Duration.ofSeconds(5)).statusCode()).isEqualTo(404);
    }

    @Test
    void aSlowServiceAnswersAfterItsDelay() throws Exception {
        central.set(CentralService.ORDERS, Condition.slow(Duration.ofMillis(400)));

        long started = System.nanoTime();
        HttpResponse<String> response = getOrder("CC-100001", Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aFailingServiceAnswersItsStatus() throws Exception {
        central.set(CentralService.ORDERS, Condition.failing(502));

        HttpResponse<String> response = getOrder("CC-100001", Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("simulated-failure");
    }

    @Test
    void aRefusingServiceRefusesConnectionsUntilItIsHealthyAgain() throws Exception {
        central.set(CentralService.ORDERS, Condition.refusing());

        assertThatThrownBy(() -> getOrder("CC-100001", Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);

        central.set(CentralService.ORDERS, Condition.healthy());
        assertThat(getOrder("CC-100001", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBlackholeAcceptsTheConnectionAndNeverAnswers() {
        central.set(CentralService.ORDERS, Condition.blackhole());
        long before = central.connectionsAccepted(CentralService.ORDERS);

        assertThatThrownBy(() -> getOrder("CC-100001", Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        assertThat(central.connectionsAccepted(CentralService.ORDERS)).isEqualTo(before + 1);
    }

    @Test
    void eachServiceFailsOnItsOwn() throws Exception {
        central.set(CentralService.GIFT_CARDS, Condition.refusing());

        assertThat(getOrder("CC-100001", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void theSwitchboardChangesAServiceOverHttp() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(central.adminUrl() + "/services/refunds"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"fault\": \"failing\", \"failureStatus\": 504}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(central.condition(CentralService.REFUNDS)).isEqualTo(Condition.failing(504));
        assertThat(response.body()).as(response.body()).contains("\"service\":\"refunds\"").contains("\"fault\":\"FAILING\"");
    }

    @Test
    void theSwitchboardRefusesWhatItDoesNotKnow() throws Exception {
        HttpResponse<String> unknownService = put("/services/payroll", "{\"fault\": \"HEALTHY\"}");
        HttpResponse<String> unknownFault = put("/services/orders", "{\"fault\": \"ON_FIRE\"}");

        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(unknownFault.statusCode()).isEqualTo(400);
        assertThat(unknownFault.body()).contains("HEALTHY, SLOW, FAILING");
        assertThat(central.condition(CentralService.ORDERS)).isEqualTo(Condition.healthy());
    }

    @Test
    void theSwitchboardCancelsOrdersAndSignsCollectionCodes() throws Exception {
        HttpResponse<String> cancelled = client.send(HttpRequest.newBuilder(
                        URI.create(central.adminUrl() + "/orders/CC-100002/cancellation"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"refunded\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> order = getOrder("CC-100002", Duration.ofSeconds(5));
        HttpResponse<String> qr = client.send(HttpRequest.newBuilder(
                URI.create(central.adminUrl() + "/orders/CC-100002/collection-qr")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(order.body()).contains("\"status\":\"CANCELLED\"").contains("\"cancellationReason\":\"refunded\"");
        assertThat(qr.body()).startsWith("HFC1.");
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(
                        URI.create(central.adminUrl() + "/orders/CC-999999/cancellation"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void conditionsMakeSense() {
        assertThatThrownBy(() -> Condition.failing(404)).hasMessage("failure status must be 5xx, but was 404");
        assertThatThrownBy(() -> Condition.slow(Duration.ofMillis(-1))).hasMessageContaining("must not be negative");
    }

    private HttpResponse<String> getOrder(String id, Duration timeout) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(
                        central.url(CentralService.ORDERS) + "/central/orders/v1/orders/" + id)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(central.adminUrl() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
