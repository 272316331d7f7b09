package io.holdfast.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.logging.LogFormat;
import io.holdfast.gateway.logging.Logging;
import io.holdfast.order.ManifestImport;
import io.holdfast.order.Order;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench}: desk lookups over HTTP against a store of many orders, and a minimal
 * Helidon route in the same run on the same machine, so the result reads as a ratio that does not
 * depend on how fast the machine is. Bounded in time; talks to 127.0.0.1 only.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure desk lookups per second and p50/p99 latency over HTTP against a minimal Helidon route.")
final class BenchCommand implements Callable<Integer> {
    /** The machine's clock, read here once: this command is a composition root, and hands it on. */
    private final Clock clock = Clock.systemUTC();


    @Option(names = "--orders", defaultValue = "50000", description = "Orders in the store (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per target (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per target (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--search-percent", defaultValue = "25",
            description = "Share of the default mix's lookups that are name-and-postcode searches; the rest open an "
                    + "order by number (default: ${DEFAULT-VALUE}).")
    int searchPercent;

    @Spec
    CommandSpec spec;

    private final Logger quietCentral = Logger.getLogger("io.holdfast.gateway.central");

    @Override
    public Integer call() throws Exception {
        if (orders < 1 || clients < 1 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 120) {
            throw new IllegalArgumentException("orders and clients must be positive, seconds 1 to 600, warm-up 0 to 120");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path folder = Files.createTempDirectory("holdfast-bench");
        // The access log stays on, as in production: one line per request, to a file here instead of the terminal.
        Path accessLog = folder.resolve("gateway.log");
        OutputStream log = Files.newOutputStream(accessLog);
        Logging.configure(LogFormat.TEXT, log);
        // The bench's central is unreachable on purpose: the manifest sync's retries are not news.
        // (Held in a field: java.util.logging forgets the level of a logger nobody references.)
        quietCentral.setLevel(Level.OFF);
        Path file = folder.resolve("holdfast.db");
        DemoDataset dataset = DemoDataset.generate(DemoCommand.DEMO_STORE, new DemoDataset.Size(orders, 0, 0), 7L, clock);
        long seeding = System.nanoTime();
        seed(file, dataset, clock);
        out.printf("store: %,d orders seeded in %.1f s (%s, %,d bytes)%n", orders,
                (System.nanoTime() - seeding) / 1e9, file, Files.size(file));
        out.flush();

        URI nowhere = URI.create("http://127.0.0.1:9");
        GatewaySettings settings = GatewaySettings.from(GatewayConfig.load(java.util.Optional.empty()))
                .withStoreId(DemoCommand.DEMO_STORE).withListener("127.0.0.1", 0)
                .withDatabase(DatabaseSettings.of(file)).withCentral(CentralEndpoints.all(nowhere));
        WebServer minimal = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .featuresDiscoverServices(false)
                .routing(routing -> routing.get("/ping", (request, response) -> response.send("pong")))
                .build().start();
        try (Gateway gateway = Gateway.start(settings, clock)) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = BenchSupport.signIn(http, base);
            List<String> ids = dataset.orders().stream().map(o -> o.order().id().value()).toList();
            List<String> names = dataset.orders().stream().limit(1000)
                    .map(o -> o.order().customer().displayName().split(" ")[1].toLowerCase(java.util.Locale.ROOT)
                            + " " + o.order().customer().postcode().split(" ")[0]).toList();
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + minimal.port() + "/ping")).build();
            HttpLoad load = new HttpLoad(clients, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds));
            // One whole mixed run first, not reported: the gateway's code and the client's are compiled before
            // anything is measured. The bare route goes last, when the client is as warm for it as for the desk.
            load.run(http, "warm-up", lookups(base, token, ids, names, searchPercent));
            List<HttpLoad.Result> cases = List.of(
                    load.run(http, "by number", lookups(base, token, ids, names, 0)),
                    load.run(http, "name+postcode", lookups(base, token, ids, names, 100)),
                    load.run(http, "mix " + searchPercent + "%", lookups(base, token, ids, names, searchPercent)));
            HttpLoad.Result floor = load.run(http, "bare route", () -> ping);
            report(out, floor, cases, Files.size(accessLog));
        } finally {
            minimal.stop();
            BenchSupport.deleteTree(folder);
        }
        return 0;
    }

    /** Signed-in desk lookups: {@code searchPercent} in a hundred search by surname and outward code, the rest open an order. */
    private static Supplier<HttpRequest> lookups(String base, String token, List<String> ids, List<String> names,
                                                 int searchPercent) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = random.nextInt(100) < searchPercent
                    ? "/api/v1/orders?query=" + names.get(random.nextInt(names.size())).replace(" ", "%20")
                    : "/api/v1/orders/" + ids.get(random.nextInt(ids.size()));
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
        };
    }

    private void report(PrintWriter out, HttpLoad.Result floor, List<HttpLoad.Result> cases, long logBytes) {
        out.printf("%,d orders, %d clients, %d s each after %d s warm-up; access log on (%,d bytes written)%n",
                orders, clients, seconds, warmup, logBytes);
        for (HttpLoad.Result result : java.util.stream.Stream.concat(java.util.stream.Stream.of(floor), cases.stream()).toList()) {
            out.printf("%-14s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  throughput %.2fx  p99 %.1fx%n",
                    result.name(), result.perSecond(), result.percentileMillis(0.50), result.percentileMillis(0.99),
                    result.errors(), result.perSecond() / floor.perSecond(),
                    result.percentileMillis(0.99) / floor.percentileMillis(0.99));
        }
        out.flush();
    }

    private static void seed(Path file, DemoDataset dataset, Clock clock) {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            List<Order> all = dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList();
            ManifestImport manifest = BenchSupport.manifestImport(database, clock);
            for (int from = 0; from < all.size(); from += 5000) {
                manifest.apply(all.subList(from, Math.min(all.size(), from + 5000)));
            }
            BenchSupport.provisionStaff(database, clock);
        }
    }
}
