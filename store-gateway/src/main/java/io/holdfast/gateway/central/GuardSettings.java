package io.holdfast.gateway.central;

import java.time.Duration;

/**
 * How a call to one central capability is guarded.
 *
 * <p>The breaker counts the last {@code windowCalls} calls rather than the last few seconds: a
 * time window either lags behind the successes it still holds when many desks are busy, or splits
 * a lone desk's calls across its one-second buckets; a count of calls switches a blackholed
 * service off within one call budget under load and within two for a single desk.
 *
 * @param callBudget   how long one call may take before it counts as failed (the time limiter)
 * @param windowCalls  how many of the latest calls the breaker judges
 * @param minimumCalls calls in the window before the breaker may open
 * @param openFor      how long an open breaker waits before probing again
 * @param concurrent   calls in flight at once (the bulkhead), so a dead service cannot hold every thread
 */
public record GuardSettings(Duration callBudget, int windowCalls, int minimumCalls, Duration openFor, int concurrent) {

    /**
     * 800 ms per call; opens when 60% of the last 10 calls failed or were slow, judged once it has
     * 2 (so two failures in a row at a quiet desk); open for 5 s before it probes again; 16 calls in flight.
     */
    public static final GuardSettings DEFAULT = new GuardSettings(Duration.ofMillis(800), 10, 2,
            Duration.ofSeconds(5), 16);

    public GuardSettings {
        if (callBudget.isNegative() || callBudget.isZero()) {
            throw new IllegalArgumentException("call budget must be positive, but was " + callBudget);
        }
        if (windowCalls < 2 || minimumCalls < 1 || minimumCalls > windowCalls || concurrent < 1) {
            throw new IllegalArgumentException("window calls must be at least 2, minimum calls 1 to window calls, "
                    + "concurrent calls at least 1; got " + windowCalls + ", " + minimumCalls + ", " + concurrent);
        }
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("open-for must be positive, but was " + openFor);
        }
    }

    /** A call that takes longer than this counts as slow: three quarters of the budget. */
    public Duration slowCallThreshold() {
        return callBudget.multipliedBy(3).dividedBy(4);
    }

    public GuardSettings withOpenFor(Duration open) {
        return new GuardSettings(callBudget, windowCalls, minimumCalls, open, concurrent);
    }

    public GuardSettings withCallBudget(Duration budget) {
        return new GuardSettings(budget, windowCalls, minimumCalls, openFor, concurrent);
    }
}
