package io.holdfast.giftcard;

import java.util.Objects;
import java.util.regex.Pattern;

/** A gift card's PIN as the customer typed it: 4 to 6 digits, never stored, never printed. */
public record CardPin(String digits) {

    private static final Pattern FORMAT = Pattern.compile("\\d{4,6}");

    public CardPin {
        Objects.requireNonNull(digits, "PIN");
        if (!FORMAT.matcher(digits).matches()) {
            throw new IllegalArgumentException("a gift-card PIN is 4 to 6 digits");
        }
    }

    @Override
    public String toString() {
        return "PIN ****";
    }
}
