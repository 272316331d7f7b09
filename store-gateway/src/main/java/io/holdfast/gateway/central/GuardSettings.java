package io.holdfast.gateway.central;

import java.time.Duration;

/**
 * How a call to one central capability is guarded.
 *
 * @param callBudget   how long one call may take before it counts as failed (the time limiter)
 * @param window       the circuit breaker's time-based window
 * @param minimumCalls calls in the window before the breaker may open
 * @param openFor      how long an open breaker waits before probing again
 * @param concurrent   calls in flight at once (the bulkhead), so a dead service cannot hold every thread
 */
public record GuardSettings(Duration callBudget, Duration window, int minimumCalls, Duration openFor, int concurrent) {

    public static final GuardSettings DEFAULT = new GuardSettings(Duration.ofMillis(800), Duration.ofSeconds(10), 3,
            Duration.ofSeconds(10), 16);

    public GuardSettings {
        if (callBudget.isNegative() || callBudget.isZero()) {
            throw new IllegalArgumentException("call budget must be positive, but was " + callBudget);
        }
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("breaker window must be at least 1 s, but was " + window);
        }
        if (minimumCalls < 1 || concurrent < 1) {
            throw new IllegalArgumentException("minimum calls and concurrent calls must be at least 1");
        }
    }

    public GuardSettings withCallBudget(Duration budget) {
        return new GuardSettings(budget, window, minimumCalls, openFor, concurrent);
    }
}
