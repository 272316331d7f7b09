package io.holdfast.order;

import java.util.Objects;

/** Units of one order line that will not be handed over, and why. */
public record NotCollected(int lineNumber, int quantity, NotCollectedReason reason) {
    public NotCollected {
        Require.positive(lineNumber, "line number");
        Require.positive(quantity, "quantity not collected");
        Objects.requireNonNull(reason, "reason");
    }
}
