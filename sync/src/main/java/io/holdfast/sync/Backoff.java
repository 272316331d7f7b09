package io.holdfast.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays with full jitter: a random delay between zero and a ceiling that doubles from
 * {@code first} to {@code cap}. Hundreds of stores losing the broker at once come back spread out.
 */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration first, Duration cap, RandomGenerator random) {
        this.first = first;
        this.cap = cap;
        this.random = random;
    }

    Duration next() {
        long ceiling = Math.min(cap.toMillis(), first.toMillis() << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    void reset() {
        failures = 0;
    }
}
