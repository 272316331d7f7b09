package io.holdfast.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.fleetsim.FleetOrders;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.fleetsim.SimulatedStore;
import io.holdfast.mode.Capability;
import io.holdfast.mqtt.Broker;
import io.holdfast.regional.waves.WaveRule;

/**
 * The console's {@link WaveRule} over a simulated fleet: a wave of stores at a time, each sent its
 * own RESTORE, the next once the last has drained and while central's rate is under the admitted
 * one. Each store may send a wave's share of the admitted rate: a SET_RATE to all first, and the
 * usual rate again after.
 */
final class RestorationInWaves implements Restoration {

    private final FleetOrders orders;
    private final Broker console;
    private final FleetSimulator fleet;
    private final int perWave;
    private final int admittedRate;
    private final int usualRate;
    private final Map<String, Integer> waveOf = new HashMap<>();
    private final List<String> sentAt = new ArrayList<>();
    private long started;
    private int wave;

    RestorationInWaves(FleetOrders orders, Broker console, FleetSimulator fleet, int perWave, int admittedRate,
                       int usualRate) {
        this.orders = orders;
        this.console = console;
        this.fleet = fleet;
        this.perWave = perWave;
        this.admittedRate = admittedRate;
        this.usualRate = usualRate;
    }

    private int waveRate() {
        return Math.max(1, admittedRate / perWave);
    }

    @Override
    public void begin() {
        started = System.nanoTime();
        orders.rateForAll(console, waveRate());
        everySecond(0);
    }

    @Override
    public void everySecond(long rateAtCentral) {
        List<WaveRule.Member> members = new ArrayList<>();
        List<String> ids = fleet.ids();
        for (int position = 0; position < ids.size(); position++) {
            String id = ids.get(position);
            Optional<SimulatedStore> store = fleet.store(id);
            members.add(new WaveRule.Member(id, position, waveOf.getOrDefault(id, 0),
                    store.map(SimulatedStore::connected).orElse(false),
                    store.map(s -> s.state(Capability.ORDERS).name()).orElse("ISOLATED"),
                    store.map(SimulatedStore::backlog).orElse(0L)));
        }
        if (WaveRule.decide(members, wave, perWave, rateAtCentral, admittedRate, "ORDERS")
                instanceof WaveRule.Decision.Send send) {
            orders.toEach(console, send.stores(), "RESTORE", List.of(Capability.ORDERS), "bench-fleet wave "
                    + send.wave());
            send.stores().forEach(id -> waveOf.put(id, send.wave()));
            wave = send.wave();
            sentAt.add(String.format("%.0f s", (System.nanoTime() - started) / 1e9));
        }
    }

    @Override
    public String summary() {
        orders.rateForAll(console, usualRate);
        return String.format("; %d waves of %d stores at %d events/s each, sent at %s", wave, perWave, waveRate(),
                String.join(", ", sentAt));
    }
}
