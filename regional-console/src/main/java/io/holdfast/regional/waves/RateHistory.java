package io.holdfast.regional.waves;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The fleet's event rate, sampled once a second, for the last {@code capacity} samples: the chart. */
public final class RateHistory {

    /** One sample: what the stores said they send, and what central admits. */
    public record Sample(Instant at, long eventsPerSecond, long admitted) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final int capacity;

    public RateHistory(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
