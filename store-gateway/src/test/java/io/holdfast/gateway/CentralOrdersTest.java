package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.Condition;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.mode.Capability;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.testing.TestClocks;

/** The desk with central order management answering, failing and cancelling: central-sim on real sockets. */
class CentralOrdersTest {

    @TempDir
    Path folder;
    private CentralSimulator central;
    private Gateway gateway;
    private String base;
    private String colleague;

    @BeforeEach
    void start() {
        DemoDataset dataset = DemoDataset.generate("0421", new DemoDataset.Size(20, 1, 1), 3L, TestClocks.TICKING);
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        gateway = Gateway.start(TestStores.settingsFor(file).withStoreId("0421")
                .withCentral(TestStores.centralOf(central))
                .withCallBudget(Capability.ORDERS, Duration.ofMillis(300))
                .withDesk(TestStores.desk().withCentralSigningKey(central.signingKey())), TestClocks.TICKING);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                HttpCalls.get(base + "/api/v1/orders/CC-100020", "Authorization", colleague).statusCode() == 200);
    }

    @AfterEach
    void stop() {
        gateway.close();
        central.close();
    }

    @Test
    void anOrderPastItsPickupByDateInARunningStoresManifestIsNeverReadyAndGoesStraightBack() {
        Order overdue = TestStores.overdueOrder("CC-300001");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                HttpResponse<String> read = HttpCalls.get(base + "/api/v1/orders/CC-300001", "Authorization", colleague);
                if (read.statusCode() == 200) {
                    seen.add(HttpCalls.json(read).path("order").path("status").asText());
                }
            }
        });

        central.putOrder(overdue);
        assertThat(gateway.services().manifest().refresh()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        watching.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !watcher.isAlive());

        assertThat(seen).as("every answer the desk got").containsOnly("EXPIRED");
        JsonNode sendBack = HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/return-to-sender",
                "Authorization", colleague));
        assertThat(sendBack.path("orders").findValuesAsText("orderId")).contains("CC-300001");
        JsonNode found = HttpCalls.json(HttpCalls.get(base + "/api/v1/orders?query=CC-300001",
                "Authorization", colleague));
        assertThat(found.path("orders").findValuesAsText("status")).containsOnly("EXPIRED");
        assertThat(gateway.services().outbox().eventsFor("CC-300001")).extracting(e -> e.type())
                .containsExactly("OrderExpired");
    }

    @Test
    void theManifestComesFromCentral() {
        JsonNode order = HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/CC-100007", "Authorization", colleague));

        assertThat(order.path("order").path("customer").path("displayName").asText())
                .isEqualTo(central.dataset().order(new OrderId("CC-100007")).orElseThrow().order().customer().displayName());
    }

    @Test
    void whileCentralAnswersTheHandOverIsConfirmedOnline() {
        HttpResponse<String> collected = collectAll("CC-100003", "k1");

        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
        assertThat(HttpCalls.json(collected).path("collection").path("offline").asBoolean()).isFalse();
        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/status")).path("capabilities").path("ORDERS")
                .path("state").asText()).isEqualTo("ONLINE");
    }

    @Test
    void theDeskCanAskHeadOfficeWhetherAnOrderMayStillBeHandedOver() {
        central.cancelOrder(new OrderId("CC-100011"), "customer changed their mind");

        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/CC-100012/central-status", "Authorization",
                colleague)).path("central").asText()).isEqualTo("COLLECTABLE");
        JsonNode cancelled = HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/CC-100011/central-status",
                "Authorization", colleague));
        assertThat(cancelled.path("central").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("detail").asText()).contains("customer changed their mind");

        central.set(CentralService.ORDERS, Condition.failing(500));
        assertThat(HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/CC-100012/central-status", "Authorization",
                colleague)).path("central").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void anOrderCancelledCentrallyIsNotHandedOver() {
        central.cancelOrder(new OrderId("CC-100004"), "refunded by customer services");

        HttpResponse<String> refused = collectAll("CC-100004", "k1");

        assertProblem(refused, 409, "order-cancelled-centrally");
        assertThat(HttpCalls.json(refused).path("detail").asText()).contains("refunded by customer services");
        assertThat(HttpCalls.json(refused).path("order").path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aBlackholedCentralCostsOneCallBudgetThenTheDeskGoesOnOfflineAndSaysSo() {
        central.set(CentralService.ORDERS, Condition.blackhole());

        long started = System.nanoTime();
        HttpResponse<String> collected = collectAll("CC-100005", "k1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(201);
        assertThat(HttpCalls.json(collected).path("collection").path("offline").asBoolean()).isTrue();
        assertThat(took).as("bounded by the 300 ms call budget, not by the socket").isLessThan(Duration.ofSeconds(2));
        collectAll("CC-100006", "k2");
        collectAll("CC-100008", "k3");
        await().atMost(Duration.ofSeconds(5)).until(() -> HttpCalls.json(HttpCalls.get(base + "/api/v1/status"))
                .path("capabilities").path("ORDERS").path("state").asText().equals("DEGRADED"));
        long connections = central.connectionsAccepted(CentralService.ORDERS);
        assertThat(HttpCalls.json(collectAll("CC-100009", "k4")).path("collection").path("offline").asBoolean()).isTrue();
        assertThat(central.connectionsAccepted(CentralService.ORDERS))
                .as("an open breaker does not call central at all").isEqualTo(connections);
    }

    @Test
    void anOrderHandedOverOfflineThenCancelledCentrallyGoesToTheManager() {
        central.set(CentralService.ORDERS, Condition.refusing());
        assertThat(HttpCalls.json(collectAll("CC-100010", "k1")).path("collection").path("offline").asBoolean()).isTrue();
        central.set(CentralService.ORDERS, Condition.healthy());
        central.cancelOrder(new OrderId("CC-100010"), "customer asked for a refund online");

        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.services().manifest().refresh());

        String supervisor = TestStores.signIn(base, TestStores.SUPERVISOR);
        JsonNode exceptions = HttpCalls.json(HttpCalls.get(base + "/api/v1/exceptions", "Authorization", supervisor))
                .path("exceptions");
        assertThat(exceptions).hasSize(1);
        assertThat(exceptions.get(0).path("aggregateId").asText()).isEqualTo("CC-100010");
        assertThat(exceptions.get(0).path("kind").asText()).isEqualTo("ORDER_CANCELLED_AFTER_COLLECTION");
        assertThat(exceptions.get(0).path("open").asBoolean()).isTrue();

        String id = exceptions.get(0).path("exceptionId").asText();
        JsonNode resolved = HttpCalls.json(post("/api/v1/exceptions/" + id + "/resolution",
                "{\"note\": \"customer keeps the goods; head office refunds\"}", supervisor));
        assertThat(resolved.path("open").asBoolean()).isFalse();
        assertThat(resolved.path("resolvedBy").asText()).isEqualTo(TestStores.SUPERVISOR);
    }

    private HttpResponse<String> post(String path, String body, String authorization) {
        return HttpCalls.postJson(base + path, body, "Authorization", authorization);
    }

    private HttpResponse<String> collectAll(String orderId, String key) {
        JsonNode order = HttpCalls.json(HttpCalls.get(base + "/api/v1/orders/" + orderId, "Authorization", colleague))
                .path("order");
        StringBuilder lines = new StringBuilder();
        order.path("lines").forEach(line -> lines.append(lines.isEmpty() ? "" : ", ")
                .append("{\"lineNumber\": ").append(line.path("lineNumber").asInt())
                .append(", \"quantity\": ").append(line.path("quantityWaiting").asInt()).append('}'));
        return HttpCalls.postJson(base + "/api/v1/orders/" + orderId + "/collections",
                "{\"lines\": [" + lines + "], \"verification\": \"COLLECTION_CODE\"}",
                "Authorization", colleague, "Idempotency-Key", key);
    }
}
