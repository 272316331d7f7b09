package io.holdfast.giftcard;

import java.time.Instant;

import io.holdfast.money.Money;

/** The answer to a balance check. */
public sealed interface BalanceOutcome {

    /**
     * @param fromCentral true when central answered; false when it is the store's copy dated {@code asOf},
     *                    less what this store has spent on the card offline since
     * @param blocked     the card may not be used offline (it was overdrawn)
     */
    record Known(String lastFour, Money balance, Instant asOf, boolean fromCentral, boolean blocked)
            implements BalanceOutcome {
    }

    record Refused(GiftCardRefusal refusal, String detail) implements BalanceOutcome {
    }
}
