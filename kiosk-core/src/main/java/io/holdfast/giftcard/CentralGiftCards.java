package io.holdfast.giftcard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * Central's gift-card service, as the store needs it. The gateway supplies it, guarded by the
 * {@code GIFT_CARDS} circuit breaker; an answer it could not get is {@link Unavailable}, and the
 * store then decides offline. Central treats the redemption id as an idempotency key.
 */
public interface CentralGiftCards {

    BalanceAnswer balance(CardNumber card, Optional<CardPin> pin);

    AuthorisationAnswer authorise(Authorisation authorisation);

    /** Take {@code amount} from the card now ({@code capture}) or hold it for a later capture or void. */
    record Authorisation(String redemptionId, CardNumber card, Optional<CardPin> pin, Money amount, boolean capture) {
        public Authorisation {
            Objects.requireNonNull(redemptionId, "redemption id");
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(pin, "pin");
            Objects.requireNonNull(amount, "amount");
        }
    }

    sealed interface BalanceAnswer permits Known, PinWrong, NotFound, Unavailable {
    }

    sealed interface AuthorisationAnswer permits Approved, Declined, PinWrong, NotFound, Unavailable {
    }

    record Known(String lastFour, Money balance, Instant asOf) implements BalanceAnswer {
    }

    /** @param balanceAfter what the card holds once this redemption is taken */
    record Approved(String reference, Money balanceAfter) implements AuthorisationAnswer {
    }

    /** @param code why, such as {@code insufficient-balance} or {@code card-blocked} */
    record Declined(String code, String message, Money balance) implements AuthorisationAnswer {
    }

    record PinWrong() implements BalanceAnswer, AuthorisationAnswer {
    }

    record NotFound() implements BalanceAnswer, AuthorisationAnswer {
    }

    /**
     * Central did not answer.
     *
     * @param centralAsked true when the request may have reached central (it timed out or failed on
     *                     the way back), so central may have taken the money; false when the breaker
     *                     refused it before it left the store
     */
    record Unavailable(String reason, boolean centralAsked) implements BalanceAnswer, AuthorisationAnswer {
        public Unavailable(String reason) {
            this(reason, true);
        }

    }
}
