package io.holdfast.hardware.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a device is right now.
 *
 * @param detail   what a colleague or IT reads: "out of paper", "connection refused"
 * @param lastSeen when the device last answered; empty if it never has
 * @param queued   jobs waiting for it (receipts for a printer); 0 for other devices
 */
public record DeviceHealth(Status status, String detail, Optional<Instant> lastSeen, int queued) {

    public enum Status {
        /** Answering and ready. */
        CONNECTED,
        /** A printer that answers but has no paper. */
        PAPER_OUT,
        /** Does not answer: refused, timed out, dropped. */
        OFFLINE,
        /** Answers, but with something that makes no sense. */
        ERROR,
        /** Not contacted yet. */
        UNKNOWN
    }

    public DeviceHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(lastSeen, "last seen");
        if (queued < 0) {
            throw new IllegalArgumentException("queued must not be negative, but was " + queued);
        }
    }

    public static DeviceHealth unknown() {
        return new DeviceHealth(Status.UNKNOWN, "not contacted yet", Optional.empty(), 0);
    }

    public boolean isUp() {
        return status == Status.CONNECTED;
    }
}
