package io.holdfast.staff;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in caller.
 *
 * @param principal the staff id, or the kiosk's device id
 */
public record Session(String principal, Role role, Instant expiresAt) {
    public Session {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expires at");
    }
}
