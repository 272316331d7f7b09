package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.Condition;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.hardware.payment.PaymentTerminalGate;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.Transition;
import io.holdfast.testing.TestClocks;

/**
 * Issue 16: an idle store notices central failing before a customer does. Nobody calls the gateway
 * in these tests: only its watch on each online capability's health.
 */
class OnlineWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path folder;
    private CentralSimulator central;
    private Gateway gateway;
    private final List<Transition> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        DemoDataset dataset = DemoDataset.generate("0421", new DemoDataset.Size(5, 1, 1), 5L, TestClocks.TICKING);
        central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, TestClocks.TICKING);
        gateway = TestStores.withTerminalAgainst(folder, dataset, central, ResilienceSettings.defaults()
                .withTiming(Duration.ofMillis(200), Duration.ofSeconds(3)).withWatch(Duration.ofMillis(200)));
        gateway.services().board().addListener(transitions::add);
        await().atMost(PATIENCE).until(() -> gateway.services().board().all().stream()
                .allMatch(status -> status.state() == CapabilityState.ONLINE));
    }

    @AfterEach
    void stop() {
        gateway.close();
        central.close();
    }

    @Test
    void anIdleStoresOrdersGoDegradedWhenCentralIsBlackholedWithNoRequestMade() {
        central.set(CentralService.ORDERS, Condition.blackhole());

        // Listeners hear a transition just after the board shows it: wait for what this test heard.
        await().atMost(PATIENCE).until(() -> !transitions.isEmpty());
        assertThat(state(Capability.ORDERS)).isEqualTo(CapabilityState.DEGRADED);
        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.capability()).isEqualTo(Capability.ORDERS);
            assertThat(transition.reason()).startsWith("health check: central ORDERS did not answer within");
        });
        assertThat(state(Capability.REFUNDS)).as("the others answer").isEqualTo(CapabilityState.ONLINE);
    }

    @Test
    void paymentsGoDegradedWhenCentralPaymentsFailsAndContactlessGoesOff() {
        PaymentTerminalGate terminal = gateway.devices().paymentTerminals().get("till-1-terminal");
        assertThat(terminal.state().contactlessEnabled()).isTrue();

        central.set(CentralService.PAYMENTS, Condition.failing(503));

        await().atMost(PATIENCE).until(() -> !transitions.isEmpty());
        assertThat(state(Capability.PAYMENTS)).isEqualTo(CapabilityState.DEGRADED);
        await().atMost(PATIENCE).until(() -> !terminal.state().contactlessEnabled());
        assertThat(transitions).extracting(Transition::reason).singleElement().asString().contains("health answered 503");
    }

    @Test
    void aFlappingCentralKeepsTheCapabilityDegradedWithoutThrashing() throws InterruptedException {
        for (int flap = 0; flap < 4; flap++) {
            central.set(CentralService.LOYALTY, Condition.refusing());
            Thread.sleep(1_000);
            central.set(CentralService.LOYALTY, Condition.healthy());
            Thread.sleep(1_000);
        }

        assertThat(transitions).as("eight seconds of one second down, one second up, with a three-second hold")
                .extracting(Transition::to).containsExactly(CapabilityState.DEGRADED);
        assertThat(state(Capability.LOYALTY)).isEqualTo(CapabilityState.DEGRADED);
    }

    private CapabilityState state(Capability capability) {
        return gateway.services().board().status(capability).state();
    }
}
