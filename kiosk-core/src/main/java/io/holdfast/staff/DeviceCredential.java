package io.holdfast.staff;

import java.util.Objects;

/**
 * A device that signs in with a token: a kiosk or a till. Only the token's SHA-256 is configured.
 *
 * @param tokenSha256 the SHA-256 (64 lower-case hex digits) of the device's token
 */
public record DeviceCredential(Role role, String tokenSha256) {

    public DeviceCredential {
        Objects.requireNonNull(role, "role");
        if (role.isStaff()) {
            throw new IllegalArgumentException("a device is a kiosk or a till, not " + role);
        }
        if (tokenSha256 == null || !tokenSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a device token hash must be 64 lower-case hex digits");
        }
    }
}
