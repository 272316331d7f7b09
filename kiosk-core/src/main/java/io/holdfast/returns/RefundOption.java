package io.holdfast.returns;

import java.util.Objects;

/** A refund method as it stands right now, and why: the words the customer or colleague reads. */
public record RefundOption(RefundMethod method, Availability availability, Reason reason) {

    public enum Availability {
        /** The customer can choose it here and now. */
        OPEN,
        /** Not here: a colleague at the desk (or a supervisor) can do it. The kiosk hands over, never silently refuses. */
        ASK_COLLEAGUE,
        /** Not for this return in this mode. */
        CLOSED
    }

    public RefundOption {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean open() {
        return availability == Availability.OPEN;
    }
}
