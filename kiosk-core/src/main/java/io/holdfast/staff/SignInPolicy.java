package io.holdfast.staff;

import java.time.Duration;

/**
 * How sign-in is guarded.
 *
 * @param maxFailures failed PINs in a row before the account locks
 * @param lockout     how long it stays locked
 * @param staffSession how long a colleague's session lasts: a shift
 * @param kioskSession how long a kiosk's session lasts before it signs in again
 */
public record SignInPolicy(int maxFailures, Duration lockout, Duration staffSession, Duration kioskSession) {

    public static final SignInPolicy DEFAULT =
            new SignInPolicy(5, Duration.ofMinutes(15), Duration.ofHours(10), Duration.ofHours(24));

    public SignInPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("max failures must be at least 1, but was " + maxFailures);
        }
        if (lockout.isNegative() || lockout.isZero() || staffSession.isNegative() || staffSession.isZero()
                || kioskSession.isNegative() || kioskSession.isZero()) {
            throw new IllegalArgumentException("lockout and session lengths must be positive");
        }
    }
}
