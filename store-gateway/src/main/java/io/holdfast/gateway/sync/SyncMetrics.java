package io.holdfast.gateway.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import io.holdfast.mode.Capability;
import io.holdfast.sync.RelayStatus;
import io.holdfast.sync.StoreSync;

/**
 * The resync as metrics: {@code holdfast_outbox_backlog{capability}}, {@code holdfast_resync_events_per_second},
 * {@code holdfast_outbox_used_ratio}, {@code holdfast_resync_seconds_left} (-1 when unknown), {@code holdfast_sync_connected}, and the
 * relay's counters {@code holdfast_sync_resends}, {@code holdfast_sync_dropped_messages} and
 * {@code holdfast_sync_commands_refused}.
 */
public final class SyncMetrics implements AutoCloseable {

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();

    public SyncMetrics(StoreSync sync) {
        for (Capability capability : Capability.values()) {
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_outbox_backlog",
                            () -> sync.progress().backlog().getOrDefault(capability, 0L))
                    .description("events not yet acknowledged by central")
                    .tags(List.of(Tag.create("capability", capability.name())))));
        }
        gauge("holdfast_outbox_used_ratio", "how full the outbox is; the alarm goes off at 0.8",
                () -> sync.outboxUsage().fraction());
        gauge("holdfast_resync_events_per_second", "events central acknowledged per second, last minute",
                () -> sync.progress().eventsPerSecond());
        gauge("holdfast_resync_seconds_left", "time left to drain at the current rate; -1 when unknown",
                () -> sync.progress().timeLeft().map(left -> (double) left.toSeconds()).orElse(-1.0));
        relayGauge(sync, "holdfast_sync_connected", "1 while connected to the broker", s -> s.connected() ? 1 : 0);
        relayGauge(sync, "holdfast_sync_resends", "batches sent again after their acknowledgement timed out",
                RelayStatus::resends);
        relayGauge(sync, "holdfast_sync_dropped_messages", "malformed, unknown or oversized messages dropped",
                RelayStatus::dropped);
        gauge("holdfast_sync_commands_refused", "signed commands refused (see the audit log for why)",
                () -> (double) sync.commandsRefused());
        gauge("holdfast_sync_commands_unauthenticated", "messages on the commands topics refused unread or unsigned",
                () -> (double) sync.commandsUnauthenticated());
    }

    private void relayGauge(StoreSync sync, String name, String description, ToDoubleFunction<RelayStatus> value) {
        gauge(name, description, () -> sync.relay().map(value::applyAsDouble).orElse(0.0));
    }

    private void gauge(String name, String description, java.util.function.Supplier<Double> value) {
        meters.add(registry.getOrCreate(Gauge.builder(name, value::get).description(description)));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
