package io.holdfast.central;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated service behaves right now.
 *
 * @param delay         for {@link Fault#SLOW}: how long each answer waits
 * @param failureStatus for {@link Fault#FAILING}: the 5xx status each request gets
 */
public record Condition(Fault fault, Duration delay, int failureStatus) {

    /** What can go wrong with a central service, as a store sees it. */
    public enum Fault {
        /** Answers at once. */
        HEALTHY,
        /** Answers after a delay. */
        SLOW,
        /** Answers every request with a 5xx status. */
        FAILING,
        /** Nothing listens: connections are refused. */
        REFUSING,
        /** Accepts the TCP connection and never answers. */
        BLACKHOLE
    }

    public Condition {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        if (failureStatus < 500 || failureStatus > 599) {
            throw new IllegalArgumentException("failure status must be 5xx, but was " + failureStatus);
        }
    }

    public static Condition healthy() {
        return new Condition(Fault.HEALTHY, Duration.ZERO, 503);
    }

    public static Condition slow(Duration delay) {
        return new Condition(Fault.SLOW, delay, 503);
    }

    public static Condition failing(int status) {
        return new Condition(Fault.FAILING, Duration.ZERO, status);
    }

    public static Condition refusing() {
        return new Condition(Fault.REFUSING, Duration.ZERO, 503);
    }

    public static Condition blackhole() {
        return new Condition(Fault.BLACKHOLE, Duration.ZERO, 503);
    }
}
