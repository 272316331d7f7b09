package io.holdfast.gateway.mode;

import java.util.ArrayList;
import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Transition;

/**
 * The board as metrics: {@code holdfast_capability_state{capability,state}} is 1 for the state a
 * capability is in, {@code holdfast_capability_transitions_total{capability,to}} counts changes, and
 * {@code holdfast_central_calls_refused{capability}} counts calls that never left the store.
 */
public final class ModeMetrics implements AutoCloseable {

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();
    private boolean closed;

    /** @param refusedCalls per capability, the calls refused without contacting central */
    public ModeMetrics(ModeBoard board, java.util.function.ToLongFunction<Capability> refusedCalls) {
        for (Capability capability : Capability.values()) {
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_central_calls_refused",
                            () -> refusedCalls.applyAsLong(capability))
                    .description("calls refused without contacting central: isolated, breaker open or bulkhead full")
                    .tags(List.of(Tag.create("capability", capability.name())))));
            for (CapabilityState state : CapabilityState.values()) {
                meters.add(registry.getOrCreate(Gauge.builder("holdfast_capability_state",
                                () -> board.status(capability).state() == state ? 1 : 0)
                        .description("1 for the state the capability is in")
                        .tags(List.of(Tag.create("capability", capability.name()), Tag.create("state", state.name())))));
            }
        }
        board.addListener(this::count);
    }

    /** Runs on the thread that changed the board, so it and {@link #close()} take turns. */
    private synchronized void count(Transition transition) {
        if (closed) {
            return;
        }
        Counter counter = registry.getOrCreate(Counter.builder("holdfast_capability_transitions")
                .description("capability state changes")
                .tags(List.of(Tag.create("capability", transition.capability().name()),
                        Tag.create("to", transition.to().name()))));
        counter.increment();
        if (!meters.contains(counter)) {
            meters.add(counter);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        meters.forEach(registry::remove);
    }
}
