package io.holdfast.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandPublisher;
import io.holdfast.sync.command.CommandSigner;
import io.holdfast.testing.TestClocks;

class FleetSimulatorTest {

    @TempDir
    Path folder;

    @Test
    void simulatedStoresDrainTheirWorkToCentralOnceAndObeyASignedFleetIsolation() {
        KeyPair key = CommandSigner.newKeyPair();
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             CentralConsumer central = CentralConsumer.start(broker.uri(), TestClocks.TICKING)) {
            SyncConfig config = SyncConfig.off().withBroker(broker.uri())
                    .withTrustedKey("regional-1", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                    .withTiming(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5));
            List<String> ids = FleetSimulator.ids("T", 3, "T0002");
            assertThat(ids).containsExactly("T0001", "T0003", "T0004");
            try (FleetSimulator fleet = FleetSimulator.start(folder, ids, config, TestClocks.TICKING)) {
                fleet.work(Capability.ORDERS, 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> central.appliedCount() == 15);
                await().atMost(Duration.ofSeconds(30)).until(() -> fleet.stores().stream().allMatch(s -> s.backlog() == 0));
                assertThat(central.duplicates()).isZero();

                Instant now = TestClocks.TICKING.instant();
                String isolate = "{\"id\":\"c1\",\"store\":\"all\",\"sequence\":1,\"issuedAt\":\"" + now
                        + "\",\"expiresAt\":\"" + now.plusSeconds(60) + "\",\"type\":\"ISOLATE\","
                        + "\"capabilities\":[\"ORDERS\"],\"reason\":\"test\"}";
                CommandPublisher.publishOnce(broker.uri(), Topics.fleetCommands(),
                        new CommandSigner("regional-1", key.getPrivate()).envelope(isolate));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ISOLATED) == 3);
                Map<?, ?> capabilities = (Map<?, ?>) fleet.store("T0003").orElseThrow().heartbeat().get("capabilities");
                assertThat(((Map<?, ?>) capabilities.get("ORDERS")).get("state")).isEqualTo("ISOLATED");
            }
        }
    }
}
