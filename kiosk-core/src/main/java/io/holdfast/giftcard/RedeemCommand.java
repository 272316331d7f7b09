package io.holdfast.giftcard;

import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * Redeem {@code amount} from a card.
 *
 * @param capture true takes the money now (the desk); false only authorises it, for a till to capture or void
 */
public record RedeemCommand(CardNumber card, Optional<CardPin> pin, Money amount, boolean capture, String actor,
                            String idempotencyKey) {
    public RedeemCommand {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(idempotencyKey, "idempotency key");
    }

    /** What the idempotency key stands for: never the card number itself. */
    String canonical(CardFingerprint fingerprint) {
        return fingerprint.hex() + "|" + amount.amount() + " " + amount.currency().getCurrencyCode() + "|" + capture;
    }
}
