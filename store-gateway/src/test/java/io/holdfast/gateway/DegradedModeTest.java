package io.holdfast.gateway;

import static io.holdfast.gateway.GatewayHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import io.holdfast.gateway.central.GuardSettings;
import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.hardware.payment.PaymentTerminalGate;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.Transition;
import io.holdfast.testing.TestClocks;

/**
 * Central-sim through every fault, with the gateway's real guards, board and probe on real
 * sockets: the state sequence, the call budget, zero connections while isolated, and restoration
 * gated on the backlog. Timing is shortened (probe every 200 ms, 2 s hold) so the suite stays fast.
 */
class DegradedModeTest {

    private static final Duration BUDGET = Duration.ofMillis(300);
    /** The budget plus what the gateway itself costs on a busy two-core machine. */
    private static final Duration ANSWER_WITHIN = BUDGET.plusMillis(700);

    @TempDir
    Path folder;
    private CentralSimulator central;
    private Gateway gateway;
    private String base;
    private String colleague;
    private String supervisor;
    private final List<Transition> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int nextOrder = 1;

    @BeforeEach
    void start() {
        DemoDataset dataset = DemoDataset.generate("0421", new DemoDataset.Size(60, 1, 1), 5L, TestClocks.TICKING);
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
        gateway = TestStores.withTerminalAgainst(folder, dataset, central, ResilienceSettings.defaults()
                .withTiming(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withGuard(Capability.ORDERS, GuardSettings.DEFAULT.withCallBudget(BUDGET).withOpenFor(Duration.ofSeconds(1))));
        gateway.services().board().addListener(transitions::add);
        base = "http://127.0.0.1:" + gateway.port();
        colleague = TestStores.signIn(base, TestStores.COLLEAGUE);
        supervisor = TestStores.signIn(base, TestStores.SUPERVISOR);
        assertThat(collect().statusCode()).isEqualTo(201);
        assertThat(state(Capability.ORDERS)).isEqualTo("ONLINE");
    }

    @AfterEach
    void stop() {
        gateway.close();
        central.close();
    }

    @Test
    void slowCentralDegradesOrdersWithinTheBudgetAndRecoversAfterTheHold() {
        central.set(CentralService.ORDERS, Condition.slow(Duration.ofSeconds(2)));
        assertFaultDegradesWithinBudgetThenRecovers();
    }

    @Test
    void failingCentralDegradesOrders() {
        central.set(CentralService.ORDERS, Condition.failing(503));
        assertFaultDegradesWithinBudgetThenRecovers();
    }

    @Test
    void refusingCentralDegradesOrders() {
        central.set(CentralService.ORDERS, Condition.refusing());
        assertFaultDegradesWithinBudgetThenRecovers();
    }

    @Test
    void blackholedCentralDegradesOrdersWithinTheBudget() {
        central.set(CentralService.ORDERS, Condition.blackhole());
        assertFaultDegradesWithinBudgetThenRecovers();
    }

    @Test
    void aFlappingCentralDoesNotMakeTheModeThrash() {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean up = false;
        while (System.nanoTime() < until) {
            central.set(CentralService.ORDERS, up ? Condition.healthy() : Condition.failing(503));
            up = !up;
            collect();
            collect();
            gateway.services().probe().probe();
            sleepQuietly(Duration.ofMillis(250));
        }

        assertThat(transitions).as("five seconds of up-and-down every 250 ms")
                .extracting(Transition::to).containsExactly(CapabilityState.DEGRADED);
        assertThat(state(Capability.ORDERS)).isEqualTo("DEGRADED");
    }

    @Test
    void whileIsolatedNotOneConnectionReachesCentralAndTheDeskGoesOn() {
        isolation("ISOLATE", "ORDERS", supervisor);
        long before = central.connectionsAccepted(CentralService.ORDERS);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> collected = collect();
            assertThat(collected.statusCode()).isEqualTo(201);
            assertThat(HttpCalls.json(collected).path("collection").path("offline").asBoolean()).isTrue();
            gateway.services().probe().probe();
        }
        gateway.services().manifest().refresh();

        assertThat(central.connectionsAccepted(CentralService.ORDERS)).isEqualTo(before);
        assertThat(state(Capability.ORDERS)).isEqualTo("ISOLATED");
        assertThat(status().path("capabilities").path("ORDERS").path("central").path("refusedCalls").asLong()).isPositive();
    }

    @Test
    void restorationWaitsForTheBacklogToBeAcknowledged() {
        isolation("ISOLATE", "ORDERS", supervisor);
        collect();
        collect();
        isolation("RESTORE", "ORDERS", supervisor);

        await().atMost(Duration.ofSeconds(3)).until(() -> state(Capability.ORDERS).equals("RESTORING"));
        gateway.services().probe().probe();
        assertThat(state(Capability.ORDERS)).as("backlog of %s", status().path("backlog")).isEqualTo("RESTORING");

        var outbox = gateway.services().outbox();
        outbox.acknowledge(outbox.unacknowledgedKeys(Capability.ORDERS, 100), TestClocks.TICKING.instant());

        await().atMost(Duration.ofSeconds(3)).until(() -> state(Capability.ORDERS).equals("ONLINE"));
        assertThat(transitions).extracting(Transition::to).containsSubsequence(CapabilityState.ISOLATED,
                CapabilityState.RESTORING, CapabilityState.ONLINE);
        assertThat(state(Capability.REFUNDS)).as("other capabilities are unaffected").isEqualTo("ONLINE");
    }

    @Test
    void theManagerCannotLiftRegionalItsIsolationAndUnknownCapabilitiesAreRefused() {
        gateway.services().board().isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it",
                "incident response");

        assertProblem(isolation("RESTORE", "REFUNDS", supervisor), 409, "isolation-not-yours");
        assertProblem(isolation("ISOLATE", "PAYROLL", supervisor), 422, "capability-unknown");
        assertProblem(isolation("PAUSE", "ORDERS", supervisor), 422, "isolation-action-invalid");
        assertProblem(isolation("ISOLATE", "ORDERS", colleague), 403, "role-not-allowed");
        assertThat(state(Capability.REFUNDS)).isEqualTo("ISOLATED");
    }

    @Test
    void isolatingPaymentsSwitchesContactlessOffAndRestoringBringsItBack() {
        PaymentTerminalGate terminal = gateway.devices().paymentTerminals().get("till-1-terminal");

        isolation("ISOLATE", "PAYMENTS", supervisor);
        assertThat(terminal.state().contactlessEnabled()).isFalse();
        assertThat(terminal.state().message()).isEqualTo("Please use chip and PIN today");

        isolation("RESTORE", "PAYMENTS", supervisor);
        await().atMost(Duration.ofSeconds(3)).until(() -> state(Capability.PAYMENTS).equals("ONLINE"));
        assertThat(terminal.state().contactlessEnabled()).isTrue();
    }

    @Test
    void theStoreStaysReadyInDegradedModeAndSaysSo() {
        isolation("ISOLATE", "ALL", supervisor);

        HttpResponse<String> ready = HttpCalls.get(base + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"mode\":\"ISOLATED\"");
        assertThat(status().path("customerMessage").asText()).contains("Refunds today are given as store credit");
        collect();
        assertThat(HttpCalls.get(base + "/metrics", "Accept", "text/plain").body())
                .containsPattern("holdfast_capability_state\\{[^}]*capability=\"ORDERS\"[^}]*state=\"ISOLATED\"[^}]*} 1.0")
                .containsPattern("holdfast_central_calls_refused\\{[^}]*capability=\"ORDERS\"[^}]*} [1-9]")
                .contains("holdfast_capability_transitions");
    }

    private void assertFaultDegradesWithinBudgetThenRecovers() {
        for (int call = 1; call <= 2; call++) {
            long started = System.nanoTime();
            HttpResponse<String> collected = collect();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(collected.statusCode()).isEqualTo(201);
            assertThat(HttpCalls.json(collected).path("collection").path("offline").asBoolean()).isTrue();
            assertThat(took).isLessThan(ANSWER_WITHIN);
            assertThat(state(Capability.ORDERS)).as("after %d failed call(s); one alone is not enough", call)
                    .isEqualTo(call == 1 ? "ONLINE" : "DEGRADED");
        }

        central.set(CentralService.ORDERS, Condition.healthy());
        await().atMost(Duration.ofSeconds(6)).until(() -> state(Capability.ORDERS).equals("ONLINE"));
        assertThat(transitions).extracting(Transition::to)
                .containsExactly(CapabilityState.DEGRADED, CapabilityState.ONLINE);
    }

    private HttpResponse<String> collect() {
        String orderId = "CC-%06d".formatted(100_000 + nextOrder++);
        return HttpCalls.postJson(base + "/api/v1/orders/" + orderId + "/collections",
                "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}",
                "Authorization", colleague, "Idempotency-Key", "k-" + orderId);
    }

    private HttpResponse<String> isolation(String action, String capability, String who) {
        return HttpCalls.postJson(base + "/api/v1/admin/isolation", "{\"action\": \"" + action
                + "\", \"capabilities\": [\"" + capability + "\"], \"reason\": \"test\"}", "Authorization", who);
    }

    private JsonNode status() {
        return HttpCalls.json(HttpCalls.get(base + "/api/v1/status"));
    }

    private String state(Capability capability) {
        return status().path("capabilities").path(capability.name()).path("state").asText();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
