package io.holdfast.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EventJudge;
import io.holdfast.fleetsim.FleetOrders;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.fleetsim.SimulatedStore;
import io.holdfast.fleetsim.nats.BrokerUsers;
import io.holdfast.fleetsim.nats.NatsCluster;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mqtt.Broker;
import io.holdfast.sync.SyncConfig;
import io.holdfast.sync.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench-fleet}: a cluster of Debian's nats-server it starts itself (MQTT over TLS,
 * a user per store), central's consumer as several instances sharing SQLite books and admitting
 * their share of the admitted rate, and a simulated fleet. It contains the fleet with one signed
 * ISOLATE, restores it with a backlog at every store (at once; in the console's waves; at once while
 * a broker node, a consumer instance and 50 stores die), and prints the figures, with the event rate
 * at central drawn as an SVG.
 */
@Command(name = "bench-fleet", mixinStandardHelpOptions = true,
        description = "Contain and restore a simulated fleet on a NATS cluster; print the figures.")
final class FleetBenchCommand implements Callable<Integer> {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @Option(names = "--stores", defaultValue = "1000", description = "Simulated stores (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--consumers", defaultValue = "2",
            description = "Instances of central's consumer (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--backlog", defaultValue = "60",
            description = "Events each store holds when it is restored (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--admitted-rate", defaultValue = "2000",
            description = "Events a second central admits, fleet-wide (default: ${DEFAULT-VALUE}).")
    int admittedRate;

    @Option(names = "--stores-per-wave", defaultValue = "0",
            description = "Stores a wave in the restoration in waves (default: a fifth of the fleet).")
    int storesPerWave;

    @Option(names = "--picture", defaultValue = "docs/bench-fleet-rate.svg",
            description = "Where the event rate at central is drawn (default: ${DEFAULT-VALUE}).")
    Path picture;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final FleetOrders orders;
    private Broker consoleBroker;
    private NodeProbes probes;

    /** @param clock the machine's clock, read once by the launcher's {@code main} */
    FleetBenchCommand(Clock clock) {
        this.clock = clock;
        this.orders = new FleetOrders(clock);
    }

    @Override
    public Integer call() throws Exception {
        if (stores < 3 || stores > 5_000 || consumers < 1 || consumers > 8 || backlog < 1 || admittedRate < stores) {
            throw new IllegalArgumentException("stores 3 to 5,000; consumers 1 to 8; backlog at least 1; the admitted"
                    + " rate at least one event a second per store");
        }
        if (!NatsCluster.installed()) {
            throw new IllegalStateException("bench-fleet needs Debian's nats-server: apt-get install nats-server");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("holdfast-bench-fleet");
        Path log = logTo(folder);
        boolean finished = false;
        List<String> ids = FleetSimulator.ids("F", stores, "");
        long started = System.nanoTime();
        try (NatsCluster cluster = NatsCluster.start(folder.resolve("nats"), 3, BrokerUsers.forFleet(ids))) {
            out.printf("cluster          3 nats-server %s nodes, MQTT over TLS, a user per store: up in %.1f s%n",
                    NatsCluster.version(), seconds(started));
            consoleBroker = cluster.brokerFor(BrokerUsers.CONSOLE);
            probes = new NodeProbes(cluster.brokerFor(ids.getFirst()), Topics.fleetCommands());
            Path booksFile = folder.resolve("central-books.db");
            List<CentralBooks> books = new ArrayList<>();
            List<CentralConsumer> central = new ArrayList<>();
            for (int n = 1; n <= consumers; n++) {
                books.add(CentralBooks.open(booksFile, clock));
                central.add(CentralConsumer.startInstance(cluster.brokerFor(BrokerUsers.CENTRAL), "central-" + n,
                        EventJudge.NONE, books.getLast()).admitting(Math.max(1, admittedRate / consumers)));
            }
            int perStore = Math.max(1, admittedRate / stores);
            SyncConfig common = orders.trustedBy(SyncConfig.off())
                    .withTiming(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10))
                    .withRate(perStore);
            started = System.nanoTime();
            try (CentralBooks counter = CentralBooks.open(booksFile, clock);
                 FleetSimulator fleet = FleetSimulator.start(folder.resolve("stores"), ids,
                         id -> common.withBroker(cluster.brokerFor(id)), clock)) {
                awaitOrFail(() -> fleet.stores().stream().allMatch(SimulatedStore::connected), "every store connected");
                out.printf("fleet            %,d simulated stores connected in %.1f s; %d consumer instances; each"
                        + " store sends at most %d events/s (%,d fleet-wide, the admitted rate)%n", stores,
                        seconds(started), consumers, perStore, perStore * stores);
                contain(out, fleet);
                Restoration atOnce = new Restoration.AtOnce(orders, consoleBroker);
                int perWave = storesPerWave > 0 ? Math.min(storesPerWave, stores) : Math.max(1, stores / 5);
                Storm all = restore(out, fleet, counter, "at once", atOnce, Optional.empty());
                contain(out, fleet);
                Storm waves = restore(out, fleet, counter, "in waves", new RestorationInWaves(orders, consoleBroker,
                        fleet, perWave, admittedRate, perStore), Optional.empty());
                contain(out, fleet);
                Storm rough = restore(out, fleet, counter, "with faults", atOnce,
                        Optional.of(new DrainFaults(cluster, central, fleet)));
                cost(out, fleet, cluster);
                draw(all, waves, rough);
                out.printf("picture          %s%n", picture);
                finished = true;
            } finally {
                probes.close();
                central.forEach(CentralConsumer::close);
                books.forEach(CentralBooks::close);
            }
        } finally {
            if (finished) {
                BenchSupport.deleteTree(folder);
            } else {
                out.printf("bench-fleet did not finish; the log, the nodes' logs and the data stay in %s (log: %s)%n",
                        folder, log);
            }
        }
        return 0;
    }

    /**
     * Warnings and worse go to a file in the run's folder, not the terminal: a thousand stores
     * reconnecting after a node dies would bury the figures, and a run that stalls needs them.
     */
    private static Path logTo(Path folder) throws IOException {
        Path log = folder.resolve("bench-fleet.log");
        Logger root = Logger.getLogger("");
        for (java.util.logging.Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        java.util.logging.FileHandler file = new java.util.logging.FileHandler(log.toString());
        file.setFormatter(new java.util.logging.SimpleFormatter());
        file.setLevel(Level.WARNING);
        root.addHandler(file);
        root.setLevel(Level.WARNING);
        return log;
    }

    /**
     * A signed ISOLATE to every store; how long until each is isolated (and so sends nothing), and how
     * long until each had accepted it (begun to obey, before its commit): the broker's fan-out and
     * the store's queue, without the store's write to its disk.
     */
    private void contain(PrintWriter out, FleetSimulator fleet) throws InterruptedException {
        probes.reset();
        long sent = System.nanoTime();
        Instant publishedAt = clock.instant();
        String command = orders.toAll(consoleBroker, "ISOLATE", List.of(Capability.ORDERS), "bench-fleet");
        List<Long> took = new ArrayList<>();
        Set<String> waiting = new HashSet<>(fleet.ids());
        while (!waiting.isEmpty() && System.nanoTime() - sent < PATIENCE.toNanos()) {
            for (SimulatedStore store : fleet.stores()) {
                if (waiting.contains(store.id()) && store.state(Capability.ORDERS) == CapabilityState.ISOLATED) {
                    took.add(System.nanoTime() - sent);
                    waiting.remove(store.id());
                }
            }
            Thread.sleep(20);
        }
        long[] isolated = took.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] accepted = fleet.stores().stream().flatMap(store -> store.accepted(command).stream())
                .mapToLong(at -> Duration.between(publishedAt, at).toNanos()).sorted().toArray();
        out.printf("containment      ISOLATE to all: %,d of %,d stores isolated; p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                        + " from publish (target p99 <= 2,000 ms: %s); accepted (before the store's commit) p50 %.0f"
                        + " ms, p99 %.0f ms, max %.0f ms; a subscriber on each node heard it after %s ms%n",
                isolated.length, stores,
                BenchSupport.percentileMillis(isolated, 0.50), BenchSupport.percentileMillis(isolated, 0.99),
                BenchSupport.percentileMillis(isolated, 1.0),
                BenchSupport.percentileMillis(isolated, 0.99) <= 2_000 && waiting.isEmpty() ? "met" : "missed",
                BenchSupport.percentileMillis(accepted, 0.50), BenchSupport.percentileMillis(accepted, 0.99),
                BenchSupport.percentileMillis(accepted, 1.0), probes.millisUntil(command, sent));
    }

    /** The rate at central each second of a restoration, and its outcome. */
    record Storm(String name, List<Long> perSecond, double drainSeconds, long lost, long doubled) {
    }

    private Storm restore(PrintWriter out, FleetSimulator fleet, CentralBooks counter, String name,
                          Restoration how, Optional<DrainFaults> faults) throws InterruptedException {
        long before = counter.appliedCount();
        fleet.work(Capability.ORDERS, backlog);
        long expected = before + (long) stores * backlog;
        long sent = System.nanoTime();
        how.begin();
        Thread faulting = Thread.ofVirtual().start(() -> faults.ifPresent(DrainFaults::run));
        List<Long> perSecond = new ArrayList<>();
        long last = before;
        while (last < expected && System.nanoTime() - sent < PATIENCE.toNanos()) {
            Thread.sleep(1_000);
            long now = counter.appliedCount();
            perSecond.add(now - last);
            last = now;
            how.everySecond(perSecond.getLast());
        }
        faulting.join();
        double drained = seconds(sent);
        awaitOrFail(() -> fleet.stores().stream().allMatch(store -> store.backlog() == 0), "every backlog sent");
        long applied = counter.appliedCount() - before;
        long lost = (long) stores * backlog - applied;
        long doubled = counter.appliedCount() - counter.distinctKeys();
        long peak = perSecond.stream().mapToLong(Long::longValue).max().orElse(0);
        double mean = applied / Math.max(1.0, drained);
        out.printf("%-16s %,d events (%d a store): drained in %.1f s; at central peak %,d/s, mean %,.0f/s against"
                        + " %,d/s admitted (target peak <= %,d: %s); lost %d, applied twice %d%s%s%n", "restore " + name,
                (long) stores * backlog, backlog, drained, peak, mean, admittedRate, admittedRate * 11 / 10,
                peak <= admittedRate * 11L / 10 ? "met" : "missed", lost, doubled, how.summary(),
                faults.map(DrainFaults::outcome).orElse(""));
        return new Storm(name, perSecond, drained, lost, doubled);
    }

    private void cost(PrintWriter out, FleetSimulator fleet, NatsCluster cluster) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long used = runtime.totalMemory() - runtime.freeMemory();
        int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        double brokerCpu = 0;
        long brokerRss = 0;
        for (long pid : cluster.pids()) {
            BenchSupport.Usage usage = BenchSupport.usage(pid);
            brokerCpu += usage.cpuSeconds();
            brokerRss += usage.rssKiB();
        }
        out.printf("cost             per simulated store %,d KiB heap and %.1f platform threads (this JVM %,d MiB,"
                        + " %,d threads); broker: %.0f CPU seconds over the run, %,d MiB resident, 3 nodes%n",
                used / 1024 / fleet.ids().size(), threads / (double) fleet.ids().size(), used / 1024 / 1024, threads,
                brokerCpu, brokerRss / 1024);
    }

    private void draw(Storm... storms) throws IOException {
        Files.createDirectories(picture.toAbsolutePath().getParent());
        Files.writeString(picture, RateChart.svg(admittedRate, List.of(storms).stream()
                .map(storm -> new RateChart.Series(storm.name(), storm.perSecond())).toList()));
    }

    private static void awaitOrFail(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench-fleet gave up waiting for " + what + " after " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
