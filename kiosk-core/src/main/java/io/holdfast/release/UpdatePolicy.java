package io.holdfast.release;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a store may install a release: the {@code updates} section of regional IT's policy, or the
 * store's configured one while the policy has none. The zone is the store's, not the policy's.
 *
 * @param windowStart the maintenance window's start in the store's zone, such as 21:00
 * @param windowEnd   its end, such as 06:00 (a window may cross midnight)
 * @param quietFor    how long no desk, kiosk or till request may have been in flight
 * @param backlogLimit the most events that may wait for central
 */
public record UpdatePolicy(LocalTime windowStart, LocalTime windowEnd, Duration quietFor, long backlogLimit) {

    public UpdatePolicy {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(quietFor, "quietFor");
        if (quietFor.isNegative() || backlogLimit < 0) {
            throw new IllegalArgumentException("quietFor and backlogLimit cannot be negative");
        }
    }

    public UpdateGate.Policy gate(ZoneId zone) {
        return new UpdateGate.Policy(windowStart, windowEnd, quietFor, backlogLimit, zone);
    }
}
