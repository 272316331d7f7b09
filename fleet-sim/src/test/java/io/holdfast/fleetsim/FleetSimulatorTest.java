package io.holdfast.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mqtt.Broker;
import io.holdfast.sync.SyncConfig;
import io.holdfast.testing.TestClocks;

class FleetSimulatorTest {

    @TempDir
    Path folder;

    @Test
    void simulatedStoresDrainTheirWorkToCentralOnceAndObeyASignedFleetIsolation() {
        FleetOrders orders = new FleetOrders(TestClocks.TICKING);
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             CentralConsumer central = CentralConsumer.start(broker.uri(), TestClocks.TICKING)) {
            SyncConfig config = orders.trustedBy(SyncConfig.off().withBroker(broker.uri()))
                    .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5));
            List<String> ids = FleetSimulator.ids("T", 3, "T0002");
            assertThat(ids).containsExactly("T0001", "T0003", "T0004");
            try (FleetSimulator fleet = FleetSimulator.start(folder, ids, config, TestClocks.TICKING)) {
                fleet.work(Capability.ORDERS, 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> central.appliedCount() == 15);
                await().atMost(Duration.ofSeconds(30)).until(() -> fleet.stores().stream().allMatch(s -> s.backlog() == 0));
                assertThat(central.duplicates()).isZero();

                orders.toAll(Broker.at(broker.uri()), "ISOLATE", List.of(Capability.ORDERS), "test");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ISOLATED) == 3);
                Map<?, ?> capabilities = (Map<?, ?>) fleet.store("T0003").orElseThrow().heartbeat().get("capabilities");
                assertThat(((Map<?, ?>) capabilities.get("ORDERS")).get("state")).isEqualTo("ISOLATED");
            }
        }
    }
}
