package io.holdfast.central.mqtt;

/**
 * The events a second central admits, as a token bucket that holds a twentieth of a second's worth:
 * over any stretch of time central applies at most its rate times that time, plus that small burst.
 * What it does not admit yet waits at the broker and in the stores' outboxes, which is where a
 * backlog belongs, not in central's books all at once.
 */
final class Admission {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    private Admission(long perSecond, long now) {
        this.perSecond = perSecond;
        this.burst = Math.max(1.0, perSecond / 20.0);
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** @param perSecond events a second, at least 1 */
    static Admission of(long perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("central admits at least one event a second, not " + perSecond);
        }
        return new Admission(perSecond, nowNanos);
    }

    /**
     * Takes {@code events} from the bucket and answers how long to wait before applying them:
     * 0 when they may go now. A batch larger than the burst waits until the bucket has paid for it.
     */
    synchronized long take(int events, long nowNanos) {
        if (nowNanos > refilledAt) {
            tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * (double) perSecond / NANOS_PER_SECOND);
            refilledAt = nowNanos;
        }
        tokens -= events;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / perSecond);
    }
}
