package io.holdfast.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.Condition;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench-failover}: every way central's order management can fail (blackhole, refused,
 * HTTP 503, slow) at every desk traffic level (0, 1, 4 and 64 clients), each on a fresh gateway with
 * its default guards and health watch, then a flapping central. One line per case: how fast the store
 * noticed, the worst desk request, requests over the budget, failed requests. Bounded in time;
 * 127.0.0.1 only.
 */
@Command(name = "bench-failover", mixinStandardHelpOptions = true,
        description = "Fail central in every way at every traffic level; print detection time and desk latencies per case.")
final class FailoverBenchCommand implements Callable<Integer> {
    /** The machine's clock, read here once: this command is a composition root, and hands it on. */
    private final Clock clock = Clock.systemUTC();

    /** A whole request may take the call budget plus this much of the gateway's own work. */
    private static final Duration SLACK = Duration.ofMillis(50);
    private static final int[] TRAFFIC = {0, 1, 4, 64};

    @Option(names = "--healthy", defaultValue = "3",
            description = "Seconds of healthy traffic before each fault (default: ${DEFAULT-VALUE}).")
    int healthySeconds;

    @Option(names = "--after", defaultValue = "4", description = "Seconds measured after each fault (default: ${DEFAULT-VALUE}).")
    int afterSeconds;

    @Option(names = "--flap", defaultValue = "30",
            description = "Seconds of flapping, 3 s down and 3 s up (default: ${DEFAULT-VALUE}).")
    int flapSeconds;

    @Option(names = "--flap-clients", defaultValue = "4",
            description = "Desk clients while central flaps (default: ${DEFAULT-VALUE}).")
    int flapClients;

    @Spec
    CommandSpec spec;

    /** One way central fails. */
    record Fault(String name, Condition condition) {
    }

    /** One request: when it ended relative to the fault, how long it took, and whether it answered. */
    record Sample(long endedNanosAfterFault, long latencyNanos, boolean ok) {
    }

    /** What one case measured; the samples are those still running or started once the fault was on. */
    record Outcome(Optional<Duration> detected, List<Sample> samples, List<String> transitions, Duration longestWait) {
    }

    @Override
    public Integer call() throws Exception {
        if (healthySeconds < 1 || afterSeconds < 2 || flapSeconds < 6 || healthySeconds + afterSeconds > 60
                || flapSeconds > 120 || flapClients < 0 || flapClients > 64) {
            throw new IllegalArgumentException("healthy 1 s or more, after 2 s or more (at most 60 s together), "
                    + "flap 6 to 120 s, flap clients 0 to 64");
        }
        Logger.getLogger("").setLevel(Level.SEVERE);
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("holdfast-failover");
        DemoDataset dataset = plentiful(DemoDataset.generate(DemoCommand.DEMO_STORE, new DemoDataset.Size(2000, 0, 0),
                11L, clock));
        Path seeded = folder.resolve("seeded.db");
        seed(seeded, dataset, clock);
        GatewaySettings defaults = GatewaySettings.from(GatewayConfig.load(Optional.empty()));
        Duration budget = defaults.resilience().guard(Capability.ORDERS).callBudget();
        List<String> ids = dataset.orders().stream().map(o -> o.order().id().value()).toList();
        List<Fault> faults = List.of(new Fault("blackhole", Condition.blackhole()),
                new Fault("refused", Condition.refusing()), new Fault("HTTP 503", Condition.failing(503)),
                new Fault("slow 2 s", Condition.slow(Duration.ofSeconds(2))));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, clock)) {
            out.printf("central ORDERS fails after %d s of healthy traffic, measured %d s after; call budget %d ms, "
                            + "health watch every %d ms%n", healthySeconds, afterSeconds, budget.toMillis(),
                    defaults.resilience().watchEvery().toMillis());
            out.printf("%-10s %7s  %10s  %9s  %13s  %13s  %6s  %s%n", "fault", "clients", "detected", "requests",
                    "worst request", "over " + budget.plus(SLACK).toMillis() + " ms", "failed", "longest wait on central");
            int round = 0;
            for (Fault fault : faults) {
                for (int clients : TRAFFIC) {
                    Path file = folder.resolve("case-" + (++round) + ".db");
                    Files.copy(seeded, file);
                    Outcome outcome = measure(central, defaults, file, http, ids, clients, Duration.ofSeconds(healthySeconds),
                            () -> central.set(CentralService.ORDERS, fault.condition()), Duration.ofSeconds(afterSeconds));
                    central.set(CentralService.ORDERS, Condition.healthy());
                    line(out, fault.name(), clients, outcome, budget);
                }
            }
            Path file = folder.resolve("flapping.db");
            Files.copy(seeded, file);
            Outcome flapping = measure(central, defaults, file, http, ids, flapClients, Duration.ofSeconds(healthySeconds),
                    () -> Thread.ofVirtual().start(() -> flap(central, Duration.ofSeconds(flapSeconds))),
                    Duration.ofSeconds(flapSeconds));
            central.set(CentralService.ORDERS, Condition.healthy());
            line(out, "flapping", flapClients, flapping, budget);
            out.printf("flapping: blackholed %d s, healthy %d s, for %d s: %d transitions %s; online in between: %s%n",
                    3, 3, flapSeconds, flapping.transitions().size(), flapping.transitions(),
                    flapping.transitions().stream().anyMatch(t -> t.endsWith("ONLINE")) ? "yes" : "no");
            out.flush();
        } finally {
            BenchSupport.deleteTree(folder);
        }
        return 0;
    }

    /** A fresh gateway on its own copy of the store: healthy traffic, then the fault, then traffic after it. */
    private Outcome measure(CentralSimulator central, GatewaySettings defaults, Path file, HttpClient http,
                            List<String> ids, int clients, Duration healthy, Runnable fault, Duration after)
            throws Exception {
        try (Gateway gateway = Gateway.start(defaults.withStoreId(DemoCommand.DEMO_STORE).withListener("127.0.0.1", 0)
                .withDatabase(DatabaseSettings.of(file)).withCentral(DemoCommand.endpoints(central)), clock)) {
            String base = "http://127.0.0.1:" + gateway.port();
            String token = BenchSupport.signIn(http, base);
            AtomicLong faultAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong degradedAt = new AtomicLong();
            List<String> transitions = new CopyOnWriteArrayList<>();
            gateway.services().board().addListener(t -> {
                if (t.capability() == Capability.ORDERS) {
                    transitions.add(t.from() + "->" + t.to());
                    if (t.to() == CapabilityState.DEGRADED) {
                        degradedAt.compareAndSet(0, System.nanoTime());
                    }
                }
            });
            AtomicLong keys = new AtomicLong();
            Function<ThreadLocalRandom, HttpRequest> desk = random -> {
                String id = ids.get(random.nextInt(ids.size()));
                return random.nextBoolean()
                        ? HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/" + id + "/central-status"))
                                .header("Authorization", "Bearer " + token).build()
                        : HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/" + id + "/collections"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .header("Idempotency-Key", "failover-" + keys.incrementAndGet())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}], \"verification\": \"ID_SEEN\"}"))
                                .build();
            };
            long faultNanos = System.nanoTime() + healthy.toNanos();
            long end = faultNanos + after.toNanos();
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            boolean ok;
                            try {
                                ok = http.send(desk.apply(random), HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
                            } catch (java.io.IOException e) {
                                ok = false;
                            }
                            long ended = System.nanoTime();
                            samples.add(new Sample(ended - faultAt.get(), ended - sent, ok));
                        }
                        return null;
                    });
                }
                Thread.sleep(Duration.ofNanos(faultNanos - System.nanoTime()));
                faultAt.set(System.nanoTime());
                fault.run();
                Thread.sleep(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            }
            Optional<Duration> detected = degradedAt.get() == 0 ? Optional.empty()
                    : Optional.of(Duration.ofNanos(degradedAt.get() - faultAt.get()));
            return new Outcome(detected, samples.stream().filter(s -> s.endedNanosAfterFault() >= 0).toList(),
                    List.copyOf(transitions), gateway.services().guards().guard(Capability.ORDERS).longestWait());
        }
    }

    private static void flap(CentralSimulator central, Duration lasting) {
        long end = System.nanoTime() + lasting.toNanos();
        boolean down = true;
        try {
            while (System.nanoTime() < end) {
                central.set(CentralService.ORDERS, down ? Condition.blackhole() : Condition.healthy());
                down = !down;
                Thread.sleep(Duration.ofNanos(Math.min(Duration.ofSeconds(3).toNanos(), Math.max(0, end - System.nanoTime()))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void line(PrintWriter out, String fault, int clients, Outcome outcome, Duration budget) {
        List<Sample> samples = outcome.samples();
        long worst = samples.stream().mapToLong(Sample::latencyNanos).max().orElse(-1);
        long over = samples.stream().filter(s -> s.latencyNanos() > budget.plus(SLACK).toNanos()).count();
        long failed = samples.stream().filter(s -> !s.ok()).count();
        out.printf("%-10s %7d  %10s  %,9d  %13s  %,13d  %,6d  %.1f ms%n", fault, clients,
                outcome.detected().map(d -> d.isNegative() ? "before" : d.toMillis() + " ms").orElse("never"),
                samples.size(), worst < 0 ? "-" : String.format("%.1f ms", worst / 1e6), over, failed,
                outcome.longestWait().toNanos() / 1e6);
        out.flush();
    }

    /** The same orders with a line too long to run out of, so every collection has something to hand over. */
    private static DemoDataset plentiful(DemoDataset dataset) {
        List<DemoDataset.DemoOrder> orders = dataset.orders().stream().map(o -> {
            Order order = o.order();
            OrderLine first = order.lines().getFirst();
            Order big = new Order(order.id(), order.customer(), List.of(new OrderLine(1, first.sku(), first.description(),
                    1_000_000, 0, first.unitPrice())), order.parcels(), order.pickupBy().plusDays(30), order.status(),
                    order.collectionCodeHash(), order.updatedAt(), 1);
            return new DemoDataset.DemoOrder(big, o.collectionCode());
        }).toList();
        return new DemoDataset(dataset.storeId(), orders, dataset.receipts(), dataset.giftCards());
    }

    private static void seed(Path file, DemoDataset dataset, Clock clock) {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            BenchSupport.manifestImport(database, clock)
                    .apply(dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
            BenchSupport.provisionStaff(database, clock);
        }
    }
}
