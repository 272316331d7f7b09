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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import io.holdfast.order.ManifestImport;
import io.holdfast.order.Order;
import io.holdfast.order.OrderLine;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench-failover}: central's order management is blackholed while desk clients
 * work; how fast does the store notice, and how long do desk requests take during and after the
 * switch, next to a client that calls central without a guard. Bounded in time; 127.0.0.1 only.
 */
@Command(name = "bench-failover", mixinStandardHelpOptions = true,
        description = "Blackhole central while desk clients work; print detection time and latencies, guarded and unguarded.")
final class FailoverBenchCommand implements Callable<Integer> {
    /** The machine's clock, read here once: this command is a composition root, and hands it on. */
    private final Clock clock = Clock.systemUTC();


    @Option(names = "--clients", defaultValue = "64", description = "Concurrent desk clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--healthy", defaultValue = "8", description = "Seconds with central healthy (default: ${DEFAULT-VALUE}).")
    int healthySeconds;

    @Option(names = "--switch", defaultValue = "3",
            description = "Seconds after the blackhole counted as the switch (default: ${DEFAULT-VALUE}).")
    int switchSeconds;

    @Option(names = "--after", defaultValue = "10", description = "Seconds measured after the switch (default: ${DEFAULT-VALUE}).")
    int afterSeconds;

    @Option(names = "--unguarded-timeout", defaultValue = "10",
            description = "The unguarded client's request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int unguardedTimeout;

    @Spec
    CommandSpec spec;

    private final Logger quiet = Logger.getLogger("");

    /** One request: when it started relative to the blackhole, how long it took, and whether it answered. */
    record Sample(long startedNanosAfterBlackhole, long latencyNanos, boolean ok) {
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || healthySeconds < 1 || switchSeconds < 1 || afterSeconds < 1
                || healthySeconds + switchSeconds + afterSeconds > 300 || unguardedTimeout < 1 || unguardedTimeout > 60) {
            throw new IllegalArgumentException("clients and phases must be positive, at most 300 s in all, timeout 1 to 60 s");
        }
        quiet.setLevel(Level.SEVERE);
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("holdfast-failover");
        DemoDataset dataset = plentiful(DemoDataset.generate(DemoCommand.DEMO_STORE, new DemoDataset.Size(2000, 0, 0),
                11L, clock));
        Path file = folder.resolve("holdfast.db");
        seed(file, dataset, clock);
        GatewaySettings defaults = GatewaySettings.from(GatewayConfig.load(java.util.Optional.empty()));
        Duration budget = defaults.resilience().guard(Capability.ORDERS).callBudget();
        List<String> ids = dataset.orders().stream().map(o -> o.order().id().value()).toList();
        try (CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.ephemeral(), dataset, clock);
             Gateway gateway = Gateway.start(defaults.withStoreId(DemoCommand.DEMO_STORE).withListener("127.0.0.1", 0)
                     .withDatabase(DatabaseSettings.of(file)).withCentral(DemoCommand.endpoints(central)), clock)) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = BenchSupport.signIn(http, base);
            AtomicLong keys = new AtomicLong();
            AtomicLong degradedAt = new AtomicLong();
            AtomicLong blackholedAt = new AtomicLong();
            gateway.services().board().addListener(t -> {
                if (t.capability() == Capability.ORDERS && t.to() == CapabilityState.DEGRADED) {
                    degradedAt.compareAndSet(0, System.nanoTime());
                }
            });

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
            List<Sample> guarded = run(http, desk, () -> {
                blackholedAt.set(System.nanoTime());
                central.set(CentralService.ORDERS, Condition.blackhole());
            }, blackholedAt);
            Duration detected = degradedAt.get() == 0 ? null : Duration.ofNanos(degradedAt.get() - blackholedAt.get());

            central.set(CentralService.ORDERS, Condition.healthy());
            URI centralOrders = central.url(CentralService.ORDERS);
            Function<ThreadLocalRandom, HttpRequest> unguardedCall = random -> HttpRequest.newBuilder(centralOrders
                            .resolve("/central/orders/v1/orders/" + ids.get(random.nextInt(ids.size()))))
                    .timeout(Duration.ofSeconds(unguardedTimeout)).build();
            AtomicLong unguardedBlackholedAt = new AtomicLong();
            List<Sample> unguarded = run(http, unguardedCall, () -> {
                unguardedBlackholedAt.set(System.nanoTime());
                central.set(CentralService.ORDERS, Condition.blackhole());
            }, unguardedBlackholedAt);

            out.printf("central ORDERS blackholed after %d s of healthy traffic; %d desk clients; call budget %d ms%n",
                    healthySeconds, clients, budget.toMillis());
            out.printf("guarded desk:   detected (ORDERS degraded) after %s%n",
                    detected == null ? "never" : detected.toMillis() + " ms");
            report(out, "guarded desk", guarded, budget);
            out.printf("unguarded call: detected never (no breaker); request timeout %d s%n", unguardedTimeout);
            report(out, "unguarded call", unguarded, budget);
            out.flush();
        } finally {
            BenchSupport.deleteTree(folder);
        }
        return 0;
    }

    /** Clients loop through the healthy phase, the blackhole, the switch and after it; answers every sample. */
    private List<Sample> run(HttpClient http, Function<ThreadLocalRandom, HttpRequest> requests, Runnable blackhole,
                             AtomicLong blackholedAt) throws Exception {
        long start = System.nanoTime();
        long switchAt = start + Duration.ofSeconds(healthySeconds).toNanos();
        long end = switchAt + Duration.ofSeconds(switchSeconds + afterSeconds).toNanos();
        blackholedAt.set(switchAt);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        boolean ok;
                        try {
                            int status = http.send(requests.apply(random), HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            ok = status < 500;
                        } catch (java.io.IOException e) {
                            ok = false;
                        }
                        samples.add(new Sample(sent - blackholedAt.get(), System.nanoTime() - sent, ok));
                    }
                    return null;
                });
            }
            Thread.sleep(Duration.ofNanos(switchAt - System.nanoTime()));
            blackhole.run();
        }
        return new ArrayList<>(samples);
    }

    private void report(PrintWriter out, String name, List<Sample> samples, Duration budget) {
        long switchEnd = Duration.ofSeconds(switchSeconds).toNanos();
        phase(out, name, "healthy", samples.stream().filter(s -> s.startedNanosAfterBlackhole() < 0).toList(), budget);
        phase(out, name, "switch", samples.stream().filter(s -> s.startedNanosAfterBlackhole() >= 0
                && s.startedNanosAfterBlackhole() < switchEnd).toList(), budget);
        phase(out, name, "after", samples.stream().filter(s -> s.startedNanosAfterBlackhole() >= switchEnd).toList(), budget);
    }

    private static void phase(PrintWriter out, String name, String phase, List<Sample> samples, Duration budget) {
        long[] latencies = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        long failed = samples.stream().filter(s -> !s.ok()).count();
        long over = Arrays.stream(latencies).filter(l -> l > budget.toNanos()).count();
        out.printf("  %-14s %-8s %,7d requests  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  over budget %,d  failed %,d%n",
                name, phase, latencies.length, pct(latencies, 0.50), pct(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6, over, failed);
    }

    private static double pct(long[] sorted, double p) {
        return BenchSupport.percentileMillis(sorted, p);
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
