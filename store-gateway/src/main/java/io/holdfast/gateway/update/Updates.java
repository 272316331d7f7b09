package io.holdfast.gateway.update;

import java.util.Objects;
import java.util.Optional;

import io.holdfast.gateway.config.UpdateSettings;

/**
 * How this gateway takes part in updates: its settings, whether a supervisor started it, and how it
 * hands over to the supervisor once it has switched {@code current}.
 */
public record Updates(UpdateSettings settings, Optional<Supervision> supervision, Runnable handOver) {

    /** Updates off (tests and the in-process demo that do not set them). */
    public static final Updates OFF = new Updates(UpdateSettings.OFF, Optional.empty(), () -> {
        throw new IllegalStateException("no supervisor to hand over to");
    });

    public Updates {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(handOver, "handOver");
    }
}
