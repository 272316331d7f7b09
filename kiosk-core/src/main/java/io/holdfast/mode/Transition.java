package io.holdfast.mode;

import java.time.Instant;
import java.util.Objects;

/**
 * A capability changed state.
 *
 * @param actor who caused it: a staff id, {@code regional-it}, or {@code gateway} for the store's own observation
 */
public record Transition(Capability capability, CapabilityState from, CapabilityState to, Instant at, String actor,
                         String reason) {

    public Transition {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }
}
