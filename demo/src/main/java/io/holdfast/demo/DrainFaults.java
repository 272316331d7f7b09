package io.holdfast.demo;

import java.time.Duration;
import java.util.List;

import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.fleetsim.SimulatedStore;
import io.holdfast.fleetsim.nats.NatsCluster;

/**
 * What goes wrong during {@code bench-fleet}'s third drain, ten seconds in: broker node 2 SIGKILLed
 * (started again 5 s later), the last consumer instance crashed (back 5 s later), and 50 stores
 * crashed (relays cut without a goodbye, so their wills fire; databases closed) and started again
 * from their files 5 s later. Then how long until the fleet is whole again: every store connected
 * and every consumer instance seeing all the others.
 */
final class DrainFaults {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final NatsCluster cluster;
    private final List<CentralConsumer> central;
    private final FleetSimulator fleet;
    private volatile String outcome = "; the faults did not run";

    DrainFaults(NatsCluster cluster, List<CentralConsumer> central, FleetSimulator fleet) {
        this.cluster = cluster;
        this.central = central;
        this.fleet = fleet;
    }

    void run() {
        sleep(Duration.ofSeconds(10));
        long began = System.nanoTime();
        int stores = fleet.ids().size();
        List<String> crashed = fleet.ids().subList(0, Math.min(50, stores / 2));
        cluster.kill(2);
        central.getLast().crash(Duration.ofSeconds(5));
        crashed.forEach(fleet::stop);
        sleep(Duration.ofSeconds(5));
        crashed.forEach(fleet::restart);
        String node = "";
        try {
            cluster.restart(2);
        } catch (IllegalStateException e) {
            // Its readiness probe gave up while the cluster took a thousand sessions over; the node carries on.
            node = " (node 2 not ready within a minute of its restart: " + e.getMessage() + ")";
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && !whole()) {
            sleep(Duration.ofMillis(200));
        }
        outcome = String.format("; node 2, a consumer instance and %d stores killed: whole again %.1f s after%s%s",
                crashed.size(), (System.nanoTime() - began) / 1e9, whole() ? "" : " (not whole: gave up)", node);
    }

    /** For the printed line. */
    String outcome() {
        return outcome;
    }

    private boolean whole() {
        return fleet.stores().size() == fleet.ids().size()
                && fleet.stores().stream().allMatch(SimulatedStore::connected)
                && central.stream().allMatch(c -> c.connected() && c.instances().size() == central.size());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
