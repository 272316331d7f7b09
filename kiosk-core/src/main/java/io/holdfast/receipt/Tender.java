package io.holdfast.receipt;

import java.util.Objects;

import io.holdfast.money.Money;

/**
 * How part of a sale was paid.
 *
 * @param reference what identifies the tender without exposing it: {@code VISA ****1234} for a card,
 *                  the last four digits for a gift card, {@code cash} for cash
 */
public record Tender(Kind kind, Money amount, String reference) {

    public enum Kind { CARD, CASH, GIFT_CARD }

    public Tender {
        Objects.requireNonNull(kind, "tender kind");
        Objects.requireNonNull(amount, "tender amount");
        Objects.requireNonNull(reference, "tender reference");
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("tender amount must be positive, but was " + amount);
        }
    }
}
