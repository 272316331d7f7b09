package io.holdfast.sync;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.holdfast.mode.Capability;

/**
 * How a resync is going, for the status page, metrics and the heartbeat.
 *
 * @param backlog          events not yet acknowledged, per capability
 * @param eventsPerSecond  acknowledged per second, lately
 * @param timeLeft         at that rate, until the drainable backlog is gone; empty when nothing moves
 * @param draining         the backlog of the capabilities that may drain now
 * @param peak             the largest {@code draining} since it was last zero: the resync's size, for a progress bar
 */
public record ResyncProgress(Map<Capability, Long> backlog, double eventsPerSecond, Optional<Duration> timeLeft,
                             long draining, long peak) {

    public ResyncProgress {
        backlog = Map.copyOf(backlog);
    }

    public long total() {
        return backlog.values().stream().mapToLong(Long::longValue).sum();
    }
}
