package io.holdfast.demo;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load for the benchmarks: {@code clients} virtual threads each send the next
 * request as soon as the last is answered, first for a warm-up, then for the measured seconds.
 * Bounded in time; anything but a 200 counts as an error and is not timed.
 */
record HttpLoad(int clients, Duration warmup, Duration measured) {

    record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            return BenchSupport.percentileMillis(latenciesNanos, p);
        }
    }

    Result run(HttpClient http, String name, Supplier<HttpRequest> requests) throws Exception {
        drive(http, requests, warmup);
        long started = System.nanoTime();
        List<long[]> perClient = drive(http, requests, measured);
        double took = (System.nanoTime() - started) / 1e9;
        long errors = perClient.stream().mapToLong(l -> l[0]).sum();
        long[] latencies = perClient.stream().flatMapToLong(l -> Arrays.stream(l, 1, l.length)).toArray();
        Arrays.sort(latencies);
        return new Result(name, latencies.length, errors, took, latencies);
    }

    /** Each client loops until the deadline; answers per client: [errors, latency, latency, ...]. */
    private List<long[]> drive(HttpClient http, Supplier<HttpRequest> requests, Duration length) throws Exception {
        long deadline = System.nanoTime() + length.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] samples = new long[1 << 12];
                    int count = 1;
                    long errors = 0;
                    while (System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        HttpResponse<Void> response = http.send(requests.get(), HttpResponse.BodyHandlers.discarding());
                        long latency = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            errors++;
                            continue;
                        }
                        if (count == samples.length) {
                            samples = Arrays.copyOf(samples, samples.length * 2);
                        }
                        samples[count++] = latency;
                    }
                    samples[0] = errors;
                    return Arrays.copyOf(samples, count);
                }));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
