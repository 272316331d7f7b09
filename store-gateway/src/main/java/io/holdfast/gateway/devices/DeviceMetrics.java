package io.holdfast.gateway.devices;

import java.util.ArrayList;
import java.util.List;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import io.holdfast.hardware.device.Device;
import io.holdfast.hardware.device.DeviceRegistry;

/**
 * Per device: {@code holdfast_device_up} (1 when connected) and {@code holdfast_device_queued}
 * (receipts waiting). Removed again on close, so a restarted gateway does not read old devices.
 */
public final class DeviceMetrics implements AutoCloseable {

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();

    public DeviceMetrics(DeviceRegistry devices) {
        for (Device device : devices.all()) {
            List<Tag> tags = List.of(Tag.create("device", device.id()), Tag.create("kind", device.kind().name()));
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_device_up", () -> device.health().isUp() ? 1 : 0)
                    .description("1 when the device answers and is ready, else 0").tags(tags)));
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_device_queued", () -> device.health().queued())
                    .description("jobs waiting for the device, such as receipts to print").tags(tags)));
        }
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
