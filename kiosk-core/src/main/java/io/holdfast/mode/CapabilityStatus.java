package io.holdfast.mode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One capability on the board: its state, since when, why, and who isolated it. */
public record CapabilityStatus(Capability capability, CapabilityState state, Instant since, String reason,
                               Optional<IsolationSource> isolatedBy) {

    public CapabilityStatus {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(isolatedBy, "isolated by");
    }
}
