package io.holdfast.hardware.scan;

import java.time.Instant;
import java.util.Objects;

/** A scan from a device, parsed. */
public record ScanEvent(String deviceId, ScanResult result, Instant at) {
    public ScanEvent {
        Objects.requireNonNull(deviceId, "device id");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(at, "at");
    }
}
