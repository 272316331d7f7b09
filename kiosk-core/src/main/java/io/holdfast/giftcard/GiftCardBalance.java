package io.holdfast.giftcard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.holdfast.money.Money;

/**
 * What central last said a card holds.
 *
 * @param lastFour the card's last four digits, the only part of its number ever shown
 * @param asOf     when central's figure dates from
 * @param pinCheck proves the card's PIN offline; empty for a card without a PIN (store credit)
 * @param blocked  central holds the card back from offline use (it was overdrawn); false clears a block
 *                 the store made before {@code asOf}
 */
public record GiftCardBalance(CardFingerprint card, String lastFour, Money balance, Instant asOf,
                              Optional<PinCheck> pinCheck, boolean blocked) {

    private static final Pattern LAST_FOUR = Pattern.compile("\\d{4}");

    public GiftCardBalance {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(lastFour, "last four digits");
        if (!LAST_FOUR.matcher(lastFour).matches()) {
            throw new IllegalArgumentException("last four digits must be four digits, but was '" + lastFour + "'");
        }
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(asOf, "as of");
        Objects.requireNonNull(pinCheck, "PIN check");
    }

    /** A card without a PIN, not blocked. */
    public GiftCardBalance(CardFingerprint card, String lastFour, Money balance, Instant asOf) {
        this(card, lastFour, balance, asOf, Optional.empty(), false);
    }
}
