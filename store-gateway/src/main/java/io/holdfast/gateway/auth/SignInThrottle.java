package io.holdfast.gateway.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@link #BURST} sign-in tries at once from one device (its network address), then one
 * every {@link #EVERY}: a desk signs in a few times a shift, a script guessing PINs is slowed to a
 * crawl on top of the account lock. Counted on the monotonic clock: a rate is tries per elapsed
 * second, which must not jump when the wall clock is set, and no business date depends on it.
 */
final class SignInThrottle {

    static final int BURST = 20;
    static final Duration EVERY = Duration.ofMillis(500);
    /** Devices remembered before the idle ones are forgotten; a store has tens. */
    private static final int REMEMBERED = 10_000;

    private static final class Bucket {
        double tokens = BURST;
        long at = System.nanoTime();
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a try for {@code device}; false when it must wait. */
    boolean tryAcquire(String device) {
        if (buckets.size() > REMEMBERED) {
            long idle = System.nanoTime() - EVERY.toNanos() * BURST;
            buckets.values().removeIf(bucket -> bucket.at < idle);
        }
        Bucket bucket = buckets.computeIfAbsent(device, ignored -> new Bucket());
        synchronized (bucket) {
            long now = System.nanoTime();
            bucket.tokens = Math.min(BURST, bucket.tokens + (double) (now - bucket.at) / EVERY.toNanos());
            bucket.at = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
