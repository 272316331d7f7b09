package io.holdfast.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.holdfast.mode.Capability;

/**
 * Turns samples of the relay's acknowledged count into a rate over the last 15 seconds, and the
 * backlog of the capabilities that may drain into the time left at that rate. It is sampled whenever
 * someone looks (the status page, metrics, the heartbeat), at most four times a second, so the rate
 * follows the drain as it is now rather than a minute's average taken at heartbeats.
 */
public final class ResyncMeter {

    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Duration MIN_STEP = Duration.ofMillis(250);

    private record Sample(Instant at, long acknowledged) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private long peak;

    public synchronized ResyncProgress observe(Instant now, long acknowledged, Map<Capability, Long> backlog,
                                               Set<Capability> drainable) {
        Sample last = samples.peekLast();
        if (last == null || !now.isBefore(last.at().plus(MIN_STEP)) || acknowledged < last.acknowledged()) {
            if (last != null && acknowledged < last.acknowledged()) {
                samples.clear(); // the relay's count started again (a new relay): the old samples say nothing now
            }
            samples.addLast(new Sample(now, acknowledged));
        }
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
        double rate = seconds <= 0 ? 0 : (acknowledged - first.acknowledged()) / seconds;
        long draining = backlog.entrySet().stream().filter(e -> drainable.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        Optional<Duration> left = draining == 0 ? Optional.of(Duration.ZERO)
                : rate <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (draining / rate * 1000)));
        peak = draining == 0 ? 0 : Math.max(peak, draining);
        return new ResyncProgress(backlog, rate, left, draining, peak);
    }
}
