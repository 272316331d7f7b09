package io.holdfast.hardware.printer;

import java.time.Duration;

/**
 * How long a printer's queue waits before trying again: doubling from {@code first} up to
 * {@code longest}, back to {@code first} once a job prints.
 */
public record RetryDelays(Duration first, Duration longest) {

    public static final RetryDelays DEFAULT = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RetryDelays {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "retry delays must be positive with longest >= first, but were " + first + " and " + longest);
        }
    }

    Duration after(int failures) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
