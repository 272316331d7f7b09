package io.holdfast.giftcard;

import java.math.BigInteger;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import io.holdfast.store.Hashes;

/**
 * HMAC-SHA256 of a card number under the store's key. The key comes from configuration, so a
 * stolen database alone does not give the card numbers back.
 */
public final class CardFingerprinter {

    private final SecretKeySpec key;

    public CardFingerprinter(byte[] key) {
        this.key = Hashes.hmacKey(key, "gift-card key");
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
        return Hashes.hmacSha256(key, text);
    }
}
