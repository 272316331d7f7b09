package io.holdfast.returns;

import java.util.Objects;
import java.util.Optional;

import io.holdfast.giftcard.StoreCredit;

/** What making a return did. */
public sealed interface ReturnOutcome {

    /**
     * Made now, or earlier under the same idempotency key ({@code replayed}).
     *
     * @param credit the store-credit card just issued, with its number for the voucher; empty on a replay
     */
    record Made(MadeReturn made, Optional<StoreCredit.Issued> credit, boolean replayed) implements ReturnOutcome {
        public Made {
            Objects.requireNonNull(made, "made");
            Objects.requireNonNull(credit, "credit");
        }
    }

    record Refused(ReturnRefusal refusal, Reason reason) implements ReturnOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
