package io.holdfast.giftcard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * One redemption on one card: authorised, then captured or voided (a desk redemption is captured at
 * once). An OFFLINE one was approved by the store's own rules and is its risk until central's verdict.
 *
 * @param balanceAfter what the card holds after it: central's figure online, the store's estimate offline
 */
public record Redemption(String redemptionId, String lastFour, Money amount, Mode mode, State state,
                         Instant authorisedAt, Optional<Money> balanceAfter, Optional<String> centralReference) {

    public enum Mode { ONLINE, OFFLINE }

    public enum State { AUTHORISED, CAPTURED, VOIDED }

    public Redemption {
        Objects.requireNonNull(redemptionId, "redemption id");
        Objects.requireNonNull(lastFour, "last four");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(authorisedAt, "authorised at");
        Objects.requireNonNull(balanceAfter, "balance after");
        Objects.requireNonNull(centralReference, "central reference");
    }

    Redemption in(State next) {
        return new Redemption(redemptionId, lastFour, amount, mode, next, authorisedAt, balanceAfter, centralReference);
    }
}
