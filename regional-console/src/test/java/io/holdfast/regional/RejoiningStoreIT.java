package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;

/**
 * A store that is down when the fleet is isolated misses the command (stores reconnect with a clean
 * session); when it comes back, the console sees it rejoin, sends it what it has not yet obeyed, and
 * the store isolates itself.
 */
class RejoiningStoreIT {

    @TempDir
    Path folder;

    @Test
    void aStoreThatWasDownWhenTheFleetWasIsolatedIsIsolatedWhenItComesBack() throws Exception {
        List<String> ids = FleetSimulator.ids("J", 3, "");
        try (ConsoleFixture office = ConsoleFixture.start(folder, ids, id -> "north", 100)) {
            office.fleet.stop("J0002");
            await().atMost(Duration.ofSeconds(20)).until(() -> office.console.services().fleet().row("J0002")
                    .orElseThrow().offline());

            String alice = office.signIn("alice");
            assertThat(office.post(alice, "/api/containment", "{\"type\":\"ISOLATE\",\"capabilities\":[\"GIFT_CARDS\"],"
                    + "\"target\":{\"kind\":\"all\"},\"reason\":\"incident\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> office.fleet.count(Capability.GIFT_CARDS, CapabilityState.ISOLATED) == 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> office.get(alice, "/api/actions").get(0)
                    .path("obeyed").asInt() == 2);
            assertThat(office.fleet.store("J0002")).as("J0002 is down").isEmpty();

            office.fleet.restart("J0002");
            await().atMost(Duration.ofSeconds(30)).until(() -> office.fleet.store("J0002").orElseThrow()
                    .state(Capability.GIFT_CARDS) == CapabilityState.ISOLATED);
            await().atMost(Duration.ofSeconds(20)).until(() -> office.get(alice, "/api/actions").get(0)
                    .path("obeyed").asInt() == 3);
        }
    }
}
