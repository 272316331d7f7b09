package io.holdfast.giftcard;

import io.holdfast.money.Money;

/** The answer to a redemption, a capture or a void. */
public sealed interface RedemptionOutcome {

    /** @param replayed the same request was made before; this is its answer again */
    record Done(Redemption redemption, boolean replayed) implements RedemptionOutcome {
    }

    /**
     * Not approved, with words the colleague can tell the customer and what could be approved instead.
     *
     * @param code such as {@code insufficient-balance}, {@code over-card-daily-offline}, {@code card-blocked}
     */
    record Declined(String code, String message, Money couldApprove, Redemption.Mode mode) implements RedemptionOutcome {
    }

    record Refused(GiftCardRefusal refusal, String detail) implements RedemptionOutcome {
    }
}
