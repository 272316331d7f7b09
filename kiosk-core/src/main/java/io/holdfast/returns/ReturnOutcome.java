package io.holdfast.returns;

import java.util.Objects;
import java.util.Optional;

import io.holdfast.giftcard.StoreCredit;

/** What making a return did. */
public sealed interface ReturnOutcome {

    /**
     * Made now, or earlier under the same idempotency key ({@code replayed}).
     *
     * @param credit the store-credit card issued, with its number and PIN for the voucher (worked out again
     *               on a replay, so the voucher can be printed again); never in an answer on screen
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
