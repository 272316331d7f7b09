package io.holdfast.giftcard;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The keyed hash of a gift-card number: how the store finds a card without keeping its number. */
public record CardFingerprint(String hex) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    public CardFingerprint {
        Objects.requireNonNull(hex, "card fingerprint");
        if (!FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("card fingerprint must be 64 lower-case hex digits");
        }
    }

    static CardFingerprint of(byte[] bytes) {
        return new CardFingerprint(HexFormat.of().formatHex(bytes));
    }

    byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }
}
