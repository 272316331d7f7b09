package io.holdfast.report;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;

/** One capability's day: the states it was in, back to back, from the day's start to its end (or now). */
public record DayTimeline(Capability capability, List<Segment> segments) {

    public DayTimeline {
        Objects.requireNonNull(capability, "capability");
        segments = List.copyOf(segments);
    }

    /** A stretch of time in one state; {@code to} is exclusive. */
    public record Segment(CapabilityState state, Instant from, Instant to) {
        public Segment {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("a segment cannot end (" + to + ") before it starts (" + from + ")");
            }
        }

        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** How long the capability spent in each state; every state is present, zero when not visited. */
    public Map<CapabilityState, Duration> totals() {
        Map<CapabilityState, Duration> totals = new EnumMap<>(CapabilityState.class);
        for (CapabilityState state : CapabilityState.values()) {
            totals.put(state, Duration.ZERO);
        }
        for (Segment segment : segments) {
            totals.merge(segment.state(), segment.length(), Duration::plus);
        }
        return totals;
    }
}
