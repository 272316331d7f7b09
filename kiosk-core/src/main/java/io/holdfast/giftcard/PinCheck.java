package io.holdfast.giftcard;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The keyed hash that proves a card's PIN (see {@link CardFingerprinter#pinCheck}); never the PIN itself. */
public record PinCheck(String hex) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    public PinCheck {
        Objects.requireNonNull(hex, "PIN check");
        if (!FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("a PIN check must be 64 lower-case hex digits");
        }
    }

    byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    static PinCheck of(byte[] bytes) {
        return new PinCheck(HexFormat.of().formatHex(bytes));
    }
}
