package io.holdfast.returns;

import java.util.Objects;
import java.util.Optional;

/**
 * A refund to the original tender and where it stands: DUE until central pays it, then PAID once.
 *
 * @param centralReference central's reference once paid
 */
public record RefundStatus(String refundId, State state, Optional<String> centralReference) {

    public enum State { DUE, PAID, DECLINED }

    public RefundStatus {
        Objects.requireNonNull(refundId, "refund id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(centralReference, "central reference");
    }
}
