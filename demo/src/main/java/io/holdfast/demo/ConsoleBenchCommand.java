package io.holdfast.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mqtt.Broker;
import io.holdfast.regional.RegionalConsole;
import io.holdfast.regional.RegionalSettings;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Role;
import io.holdfast.store.Database;
import io.holdfast.sync.SyncConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench-console}: a thousand simulated stores heartbeating into the regional
 * console, which runs as its own process (so its CPU and memory are its own), and the fleet page
 * in Debian's headless Chromium. It prints the time from a store's heartbeat to the page showing
 * it, the page's filter time, and the console's CPU, memory and threads. The page is driven over
 * Chromium's DevTools protocol ({@link HeadlessPage}).
 */
@Command(name = "bench-console", mixinStandardHelpOptions = true,
        description = "Measure the regional console with a simulated fleet heartbeating into it.")
final class ConsoleBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSPHRASE = "bench console passphrase";

    @Option(names = "--stores", defaultValue = "1000", description = "Simulated stores (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--heartbeat", defaultValue = "PT5S",
            description = "Each store's heartbeat (default: ${DEFAULT-VALUE}; stores run 15 s, so this is three times"
                    + " the load).")
    Duration heartbeat;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param clock the machine's clock, read once by the launcher's {@code main} */
    ConsoleBenchCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (stores < 1 || stores > 5_000 || seconds < 5 || seconds > 600) {
            throw new IllegalArgumentException("stores 1 to 5,000, seconds 5 to 600");
        }
        PrintWriter out = spec.commandLine().getOut();
        Logger.getLogger("").setLevel(Level.WARNING);
        Path folder = Files.createTempDirectory("holdfast-bench-console");
        Process console = null;
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Path config = prepare(folder, broker.uri());
            console = launchConsole(config, folder.resolve("console.log"));
            int port = awaitPort(folder.resolve("console.log"));
            String base = "http://127.0.0.1:" + port;
            SyncConfig sync = SyncConfig.off().withBroker(broker.uri())
                    .withTiming(heartbeat, Duration.ofSeconds(3), Duration.ofSeconds(5));
            long starting = System.nanoTime();
            List<String> ids = FleetSimulator.ids("B", stores, "");
            try (FleetSimulator fleet = FleetSimulator.start(folder.resolve("stores"), ids, sync, clock)) {
                out.printf("fleet            %,d simulated stores started in %.1f s, each heartbeating every %d s%n",
                        stores, (System.nanoTime() - starting) / 1e9, heartbeat.toSeconds());
                String token = signIn(base);
                long waiting = System.nanoTime();
                while (fleet(base, token).path("totals").path("modes").path("NORMAL").asInt() < stores) {
                    if (System.nanoTime() - waiting > TimeUnit.MINUTES.toNanos(3)) {
                        throw new IllegalStateException("the console did not see every store within 3 minutes");
                    }
                    Thread.sleep(500);
                }
                out.printf("console          saw all %,d stores %.1f s after they started%n", stores,
                        (System.nanoTime() - waiting) / 1e9);
                measure(out, console, base);
            }
        } finally {
            if (console != null) {
                console.destroy();
                console.waitFor(30, TimeUnit.SECONDS);
            }
            BenchSupport.deleteTree(folder);
        }
        return 0;
    }

    private void measure(PrintWriter out, Process console, String base) throws Exception {
        Optional<HeadlessPage> browser = HeadlessPage.open();
        if (browser.isEmpty()) {
            out.println("page             skipped: Debian's chromium is not installed");
        }
        try {
            if (browser.isPresent()) {
                openPage(browser.get(), base);
                browser.get().evaluate("window.holdfastLatencies = []; true");
            }
            BenchSupport.Usage before = BenchSupport.usage(console.pid());
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - started) / 1e9;
            BenchSupport.Usage after = BenchSupport.usage(console.pid());
            if (browser.isPresent()) {
                HeadlessPage page = browser.get();
                List<Long> latencies = new ArrayList<>();
                page.evaluate("window.holdfastLatencies").forEach(value -> latencies.add(value.asLong()));
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                out.printf("heartbeat→page   %,d heartbeats shown in %d s: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms"
                                + " (includes the page's 1 s poll)%n", sorted.length, seconds, at(sorted, 0.50),
                        at(sorted, 0.95), at(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
                long[] filters = filterTimes(page);
                out.printf("filter           %,d rows, 40 filters by region and back: median %.1f ms, max %.1f ms%n",
                        stores, filters[filters.length / 2] / 1000.0, filters[filters.length - 1] / 1000.0);
            }
            double cpuSeconds = after.cpuSeconds() - before.cpuSeconds();
            out.printf("console process  CPU %.1f%% of one core over %.0f s (%d heartbeats/s in), RSS %,d MiB,"
                            + " %d threads%n", cpuSeconds * 100 / elapsed, elapsed, stores / heartbeat.toSeconds(),
                    after.rssKiB() / 1024, after.threads());
            Runtime runtime = Runtime.getRuntime();
            long used = runtime.totalMemory() - runtime.freeMemory();
            int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
            out.printf("simulated stores %,d KiB heap and %.1f platform threads each (this JVM: %,d MiB heap, %,d"
                    + " threads)%n", used / 1024 / stores, threads / (double) stores, used / 1024 / 1024, threads);
        } finally {
            if (browser.isPresent()) {
                browser.get().close();
            }
        }
    }

    private Path prepare(Path folder, URI broker) throws IOException {
        List<String> regions = List.of("north", "south", "east", "west");
        List<RegisteredStore> register = new ArrayList<>();
        List<String> ids = FleetSimulator.ids("B", stores, "");
        for (int i = 0; i < ids.size(); i++) {
            register.add(new RegisteredStore(ids.get(i), regions.get(i % regions.size()),
                    i < 10 ? Set.of("pilot") : Set.of()));
        }
        FleetRegister.write(folder.resolve("fleet.csv"), register);
        Path config = folder.resolve("console.yaml");
        Files.writeString(config, "holdfast:\n  regional:\n    port: 0\n    broker: \"" + broker + "\"\n    database: \""
                + folder.resolve("console.db") + "\"\n    register: \"" + folder.resolve("fleet.csv")
                + "\"\n    late-after: PT45S\n");
        RegionalSettings settings = new RegionalSettings("127.0.0.1", 0, Broker.at(broker), folder.resolve("console.db"),
                folder.resolve("fleet.csv"), 1_000, Duration.ofSeconds(45), Duration.ofMinutes(10), Duration.ofHours(2));
        try (Database database = RegionalConsole.openDatabase(settings)) {
            new Operators(database, clock).add("bench", Role.VIEWER, PASSPHRASE.toCharArray(), "bench");
        }
        return config;
    }

    private static Process launchConsole(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldfastLauncher.class.getName(),
                "regional", "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    private static int awaitPort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    int at = line.indexOf("Regional console on http://");
                    if (at >= 0) {
                        String rest = line.substring(at + "Regional console on http://".length());
                        return Integer.parseInt(rest.substring(rest.indexOf(':') + 1, rest.indexOf('/')));
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the console did not start; its log: " + Files.readString(log));
    }

    private String signIn(String base) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"operator\":\"bench\",\"passphrase\":\"" + PASSPHRASE
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("token").asText();
    }

    private JsonNode fleet(String base, String token) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/fleet?since=" + Long.MAX_VALUE))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private void openPage(HeadlessPage page, String base) throws IOException, InterruptedException {
        page.navigate(base + "/fleet");
        page.evaluate("document.getElementById('operator').value = 'bench';"
                + "document.getElementById('passphrase').value = '" + PASSPHRASE + "';"
                + "document.getElementById('signin-button').click(); true");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (page.evaluate("document.querySelectorAll('#stores tr').length").asInt() < stores) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not show every store within a minute");
            }
            Thread.sleep(500);
        }
    }

    /** Microseconds for each of 40 filter changes, sorted: the page's own filter over every row, with the layout it forces. */
    private static long[] filterTimes(HeadlessPage page) throws IOException, InterruptedException {
        long[] times = new long[40];
        for (int i = 0; i < times.length; i++) {
            times[i] = page.evaluate("(() => { const input = document.getElementById('filter-region');"
                    + " input.value = '" + (i % 2 == 0 ? "north" : "") + "';"
                    + " const started = performance.now(); filterAll(); document.body.offsetHeight;"
                    + " return Math.round((performance.now() - started) * 1000); })()").asLong();
        }
        Arrays.sort(times);
        return times;
    }

    /** utime + stime in clock ticks, RSS in KiB, threads: from /proc. */
    private static long at(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
