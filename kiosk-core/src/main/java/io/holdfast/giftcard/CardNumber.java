package io.holdfast.giftcard;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A gift-card number as typed or scanned: 16 to 19 digits whose last is a Luhn check digit (every
 * scheme the retailer issues uses Luhn). It lives only for the request: the store keeps the keyed
 * fingerprint and the last four digits, and {@link #toString()} shows no more than those.
 */
public record CardNumber(String digits) {

    private static final Pattern DIGITS = Pattern.compile("\\d{16,19}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    public CardNumber {
        Objects.requireNonNull(digits, "card number");
        problem(digits).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** The number with spaces and dashes taken out, or why it is not a card number. */
    public static CardNumber parse(String typed) {
        return new CardNumber(SEPARATORS.matcher(Objects.requireNonNull(typed, "card number")).replaceAll(""));
    }

    /** Why {@code digits} is not a card number, if it is not. */
    public static Optional<String> problem(String digits) {
        if (!DIGITS.matcher(digits).matches()) {
            return Optional.of("a gift-card number is 16 to 19 digits, but this has " + digits.length() + " characters"
                    + (digits.chars().allMatch(Character::isDigit) ? "" : " and not only digits"));
        }
        if (!Luhn.valid(digits)) {
            return Optional.of("the check digit does not match: a digit was probably mistyped");
        }
        return Optional.empty();
    }

    public String lastFour() {
        return digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return "card ****" + lastFour();
    }
}
