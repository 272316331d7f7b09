package io.holdfast.fleetsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.SyncConfig;

/**
 * A fleet of {@link SimulatedStore}s in one JVM, each with its own SQLite file under
 * {@code folder/<store>/holdfast.db} (kept between runs). The schema is migrated once into a
 * template that new stores copy, so a thousand stores start in seconds, not minutes of Flyway.
 */
public final class FleetSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FleetSimulator.class.getName());

    private final Map<String, SimulatedStore> stores = new ConcurrentHashMap<>();
    private final List<String> order;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("fleet-sim").factory());
    private final SplittableRandom random = new SplittableRandom(421);
    private final Path folder;
    private final Function<String, SyncConfig> configs;
    private final Clock clock;
    private volatile ReleaseBehaviour releases = ReleaseBehaviour.installs();

    private FleetSimulator(Path folder, List<String> ids, Function<String, SyncConfig> configs, Clock clock) {
        this.folder = folder;
        this.order = List.copyOf(ids);
        this.configs = configs;
        this.clock = clock;
    }

    /**
     * Starts a store for each id, eight at a time.
     *
     * @param config the broker, the keys the stores trust and their heartbeat; the same for every store
     */
    public static FleetSimulator start(Path folder, List<String> ids, SyncConfig config, Clock clock) {
        return start(folder, ids, id -> config, clock);
    }

    /**
     * Starts a store for each id, eight at a time, each with its own config: on a broker where every
     * store signs in as its own user.
     */
    public static FleetSimulator start(Path folder, List<String> ids, Function<String, SyncConfig> configs,
                                       Clock clock) {
        try (QuietStart quiet = new QuietStart()) {
            return startAll(folder, ids, configs, clock);
        }
    }

    /**
     * Each store's sync says it connected, once per store: a thousand such lines bury everything
     * else, so they are held back while the fleet starts and one line says it started.
     */
    private static final class QuietStart implements AutoCloseable {
        private final List<java.util.logging.Logger> chatty = List.of(
                java.util.logging.Logger.getLogger("io.holdfast.sync.StoreSync"),
                java.util.logging.Logger.getLogger("io.holdfast.sync.OutboxRelay"));
        private final List<java.util.logging.Level> before = new ArrayList<>();

        QuietStart() {
            for (java.util.logging.Logger logger : chatty) {
                before.add(logger.getLevel());
                logger.setLevel(java.util.logging.Level.WARNING);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < chatty.size(); i++) {
                chatty.get(i).setLevel(before.get(i));
            }
        }
    }

    private static FleetSimulator startAll(Path folder, List<String> ids, Function<String, SyncConfig> configs,
                                           Clock clock) {
        FleetSimulator fleet = new FleetSimulator(folder, ids, configs, clock);
        Path template = fleet.template();
        try (ExecutorService starters = Executors.newFixedThreadPool(8)) {
            List<Future<SimulatedStore>> started = new ArrayList<>();
            for (String id : ids) {
                started.add(starters.submit(() -> fleet.open(id, template).start()));
            }
            for (Future<SimulatedStore> store : started) {
                SimulatedStore running = store.get();
                fleet.stores.put(running.id(), running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fleet.close();
            throw new IllegalStateException("interrupted while starting the simulated fleet", e);
        } catch (ExecutionException e) {
            fleet.close();
            throw new IllegalStateException("a simulated store would not start: " + e.getCause().getMessage(),
                    e.getCause());
        }
        fleet.timer.scheduleWithFixedDelay(fleet::settle, 1, 1, TimeUnit.SECONDS);
        LOG.log(System.Logger.Level.INFO, "{0} simulated stores running against {1}", ids.size(),
                ids.isEmpty() ? "no broker" : configs.apply(ids.getFirst()).broker().map(Object::toString)
                        .orElse("no broker"));
        return fleet;
    }

    /** Store ids {@code prefix0001} up to {@code count}, leaving out {@code except} (the demo's real store). */
    public static List<String> ids(String prefix, int count, String except) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; ids.size() < count; i++) {
            String id = prefix + String.format("%04d", i);
            if (!id.equals(except)) {
                ids.add(id);
            }
        }
        return ids;
    }

    public List<String> ids() {
        return order;
    }

    public Optional<SimulatedStore> store(String id) {
        return Optional.ofNullable(stores.get(id));
    }

    public List<SimulatedStore> stores() {
        List<SimulatedStore> all = new ArrayList<>();
        order.forEach(id -> Optional.ofNullable(stores.get(id)).ifPresent(all::add));
        return Collections.unmodifiableList(all);
    }

    /** Gives every store {@code events} pieces of work for a capability (a backlog while it is cut off). */
    public void work(Capability capability, int events) {
        stores().forEach(store -> store.work(capability, events));
    }

    /**
     * Every {@code every}, each store does a little work for a capability picked at random: a fleet
     * that keeps trading, so an isolation builds a backlog and a restoration has something to drain.
     */
    public FleetSimulator keepBusy(Duration every, int events) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                Capability[] capabilities = Capability.values();
                for (SimulatedStore store : stores()) {
                    store.work(capabilities[random.nextInt(capabilities.length)], events);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "simulated work failed; next round as usual", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** How the stores take the releases they are told of from now on (default: every store installs). */
    public FleetSimulator releases(ReleaseBehaviour behaviour) {
        this.releases = behaviour;
        return this;
    }

    /** Stops a store as a crash would, without a goodbye: its last will tells the fleet it is gone. */
    public void stop(String id) {
        Optional.ofNullable(stores.remove(id)).ifPresent(SimulatedStore::close);
    }

    /** Starts a stopped store again from its own database. */
    public SimulatedStore restart(String id) {
        SimulatedStore store = open(id, template()).start();
        stores.put(id, store);
        return store;
    }

    /** How many stores have {@code capability} in {@code state} now. */
    public long count(Capability capability, CapabilityState state) {
        return stores().stream().filter(store -> store.state(capability) == state).count();
    }

    private void settle() {
        for (SimulatedStore store : stores()) {
            try {
                store.settleRestoring();
                store.settleRelease(releases);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "store {0} could not settle its restoration: {1}", store.id(),
                        e.getMessage());
            }
        }
    }

    private SimulatedStore open(String id, Path template) {
        Path file = folder.resolve(id).resolve("holdfast.db");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.copy(template, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make simulated store " + id + "'s database " + file, e);
        }
        return new SimulatedStore(id, Database.open(DatabaseSettings.of(file)), configs.apply(id), clock);
    }

    /** An empty store database at the current schema, made once. */
    private synchronized Path template() {
        Path template = folder.resolve("template").resolve("holdfast.db");
        if (!Files.exists(template)) {
            Database.open(DatabaseSettings.of(template)).close();
        }
        return template;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try (ExecutorService stoppers = Executors.newFixedThreadPool(8)) {
            stores.values().forEach(store -> stoppers.submit(store::close));
        }
        stores.clear();
    }
}
