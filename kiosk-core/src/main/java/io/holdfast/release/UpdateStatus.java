package io.holdfast.release;

import java.time.Instant;
import java.util.Objects;

/** The store's update state, for which version, since when, and what it says (progress, wait, reason). */
public record UpdateStatus(UpdateState state, String version, String detail, Instant since) {

    public UpdateStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
    }
}
