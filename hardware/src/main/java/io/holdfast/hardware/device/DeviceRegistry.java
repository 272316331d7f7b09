package io.holdfast.hardware.device;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every configured device, by id, for the status page and the metrics. */
public final class DeviceRegistry {

    private final Map<String, Device> devices = new ConcurrentSkipListMap<>();

    public <T extends Device> T register(T device) {
        Device previous = devices.putIfAbsent(device.id(), device);
        if (previous != null) {
            throw new IllegalArgumentException("device id '" + device.id() + "' is used twice");
        }
        return device;
    }

    public Optional<Device> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** In id order. */
    public List<Device> all() {
        return List.copyOf(devices.values());
    }

    public Collection<String> ids() {
        return List.copyOf(devices.keySet());
    }
}
