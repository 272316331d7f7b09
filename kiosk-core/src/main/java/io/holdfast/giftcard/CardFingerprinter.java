package io.holdfast.giftcard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a card number under the store's key. The key comes from configuration, so a
 * stolen database alone does not give the card numbers back.
 */
public final class CardFingerprinter {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CardFingerprinter(byte[] key) {
        Objects.requireNonNull(key, "gift-card key");
        if (key.length < 32) {
            throw new IllegalArgumentException("gift-card key must be at least 32 bytes, but was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public CardFingerprint fingerprint(String cardNumber) {
        return CardFingerprint.of(mac(cardNumber));
    }

    public CardFingerprint fingerprint(CardNumber card) {
        return fingerprint(card.digits());
    }

    /**
     * What proves a PIN right without keeping it: the keyed hash of the card number and PIN
     * together, so the same PIN on two cards gives two different checks. Central sends it with the
     * balances; without the key it gives nothing away.
     */
    public PinCheck pinCheck(CardNumber card, CardPin pin) {
        return new PinCheck(HexFormat.of().formatHex(mac("pin:" + card.digits() + ":" + pin.digits())));
    }

    /** A number only this key gives for {@code label}: what store credit derives its card number and PIN from. */
    public BigInteger derived(String label) {
        return new BigInteger(1, mac("derive:" + label));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK, yet failed", e);
        }
    }
}
