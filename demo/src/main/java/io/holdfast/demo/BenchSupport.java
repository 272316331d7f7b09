package io.holdfast.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.order.ManifestImport;
import io.holdfast.order.OrderExpiry;
import io.holdfast.outbox.Outbox;
import io.holdfast.staff.Role;
import io.holdfast.staff.SignInPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;

/** What the benchmarks share: a colleague to sign in as, percentiles, and cleaning up after. */
final class BenchSupport {

    static final String STAFF_ID = "B0001";
    static final String PIN = "2468";

    private BenchSupport() {
    }

    static void provisionStaff(Database database, Clock clock) {
        new StaffDirectory(database, SignInPolicy.DEFAULT, Map.of(), clock).provision(STAFF_ID, "Bench", Role.COLLEAGUE, PIN);
    }

    /** The manifest import a store runs, expiring in the default store zone as a gateway would. */
    static ManifestImport manifestImport(Database database, Clock clock) {
        return new ManifestImport(database, clock,
                new OrderExpiry(database, new Outbox(database), clock, GatewaySettings.DEFAULT_ZONE));
    }

    static String signIn(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"staffId\": \"" + STAFF_ID + "\", \"pin\": \"" + PIN + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the bench could not sign in: " + response.body());
        }
        return response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    /** The p-th percentile of sorted nanoseconds, in milliseconds; NaN when there are none. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[(int) Math.max(0, Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
    }

    /** A process's CPU time so far, resident memory and threads, from {@code /proc}. */
    record Usage(double cpuSeconds, long rssKiB, long threads) {
    }

    static Usage usage(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long rss = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new Usage(ticks / 100.0, rss, threads);
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
