package io.holdfast.help;

import java.time.Instant;
import java.util.Objects;

/**
 * A call for a colleague from a kiosk or till.
 *
 * @param caller the device that called, such as {@code kiosk-1}
 * @param screen where the customer was, such as {@code lines}
 */
public record HelpCall(String callId, String caller, String screen, Instant calledAt) {
    public HelpCall {
        Objects.requireNonNull(callId, "call id");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(calledAt, "called at");
    }
}
