package io.holdfast.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mqtt.Broker;
import io.holdfast.regional.RegionalConsole;
import io.holdfast.regional.RegionalSettings;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.operator.Operator;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.store.Database;
import io.holdfast.sync.SyncConfig;

/**
 * The demo's fleet: regional IT's console (operators alice and bea, made on first start) and
 * simulated stores that run the gateway's sync code, with the demo's real store as one of them.
 * Everything lives under {@code data/regional/} and is kept between runs.
 */
final class DemoFleet implements AutoCloseable {

    /** The demo's operators and their passphrases: printed in the welcome, for the demo only. */
    static final Map<String, String> OPERATORS = Map.of("alice", "alice demo passphrase", "bea", "bea demo passphrase");
    private static final List<String> REGIONS = List.of("north", "south", "east", "west");

    private final FleetSimulator stores;
    private final RegionalConsole console;

    private DemoFleet(FleetSimulator stores, RegionalConsole console) {
        this.stores = stores;
        this.console = console;
    }

    /** The operators' public keys, making the operators on first start: the demo store trusts them. */
    static Map<String, String> operatorKeys(Path data, Clock clock) {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Database database = RegionalConsole.openDatabase(settings(data, 0, URI.create("tcp://127.0.0.1:1")))) {
            Operators operators = new Operators(database, clock);
            for (String id : List.of("alice", "bea")) {
                Operator operator = operators.find(id).orElseGet(() -> operators.add(id,
                        id.equals("alice") ? Role.OPERATOR : Role.APPROVER, OPERATORS.get(id).toCharArray(), "demo"));
                keys.put(operator.id(), operator.publicKey());
            }
        }
        return keys;
    }

    /**
     * Starts {@code size - 1} simulated stores beside the real {@code store} and the console on
     * {@code consolePort}; {@code trusted} are the keys every simulated store trusts.
     */
    static DemoFleet start(Path data, String store, int size, int consolePort, URI broker, Map<String, String> trusted,
                           Clock clock) {
        List<String> simulated = FleetSimulator.ids("D", Math.max(0, size - 1), store);
        List<RegisteredStore> register = new ArrayList<>();
        register.add(new RegisteredStore(store, "north", Set.of("pilot")));
        for (int i = 0; i < simulated.size(); i++) {
            register.add(new RegisteredStore(simulated.get(i), REGIONS.get(i % REGIONS.size()),
                    i < 9 ? Set.of("pilot") : Set.of()));
        }
        RegionalSettings settings = settings(data, consolePort, broker);
        FleetRegister.write(settings.register(), register);
        SyncConfig sync = SyncConfig.off().withBroker(broker).withTrustedKeys(trusted)
                .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5));
        FleetSimulator stores = FleetSimulator.start(data.resolve("regional").resolve("stores"), simulated,
                sync.withRate(20), clock).keepBusy(Duration.ofSeconds(5), 1);
        try {
            return new DemoFleet(stores, RegionalConsole.start(settings, clock));
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private static RegionalSettings settings(Path data, int port, URI broker) {
        Path folder = data.toAbsolutePath().resolve("regional");
        return new RegionalSettings("127.0.0.1", port, Broker.at(broker), folder.resolve("console.db"),
                folder.resolve("fleet.csv"), 150, Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofHours(48));
    }

    void printWelcome(PrintWriter out) {
        out.printf("  regional console http://127.0.0.1:%d/fleet  (%d stores: this one and %d simulated; operator"
                        + " alice, passphrase \"%s\"; approver bea, passphrase \"%s\")%n", console.port(),
                stores.ids().size() + 1, stores.ids().size(), OPERATORS.get("alice"), OPERATORS.get("bea"));
    }

    @Override
    public void close() {
        console.close();
        stores.close();
    }
}
