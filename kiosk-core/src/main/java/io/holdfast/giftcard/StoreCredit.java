package io.holdfast.giftcard;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Timestamps;

/**
 * Store credit, issued in the store as a new gift card: a random 19-digit number with a Luhn check
 * digit, kept only as its keyed fingerprint and last four digits, its balance written with a
 * {@code GIFT_CARDS} event in the caller's transaction, so central learns of it on resync. The
 * number itself leaves the gateway once, on the printed voucher.
 */
public final class StoreCredit {

    /** The demo retailer's store-credit range; central's own cards use other prefixes. */
    static final String PREFIX = "633799";
    public static final String ISSUED_EVENT = "giftcard.store-credit-issued";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A card just issued. {@code cardNumber} is for the voucher only and is never stored. */
    public record Issued(String cardNumber, String lastFour, CardFingerprint fingerprint, Money amount) {
        public Issued {
            Objects.requireNonNull(cardNumber, "card number");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public String toString() {
            return "store credit ****" + lastFour + " for " + amount;
        }
    }

    private final CardFingerprinter fingerprinter;

    public StoreCredit(CardFingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    /** Issues a card for {@code amount} in the caller's transaction, for the return {@code forReturn}. */
    public Issued issue(Connection transaction, Outbox outbox, Money amount, String forReturn, Instant now)
            throws SQLException {
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("store credit must be positive, but was " + amount);
        }
        String number = newNumber();
        Issued issued = new Issued(number, number.substring(number.length() - 4), fingerprinter.fingerprint(number),
                amount);
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO gift_card_balances (card_fingerprint, last_four, balance_minor, currency, as_of)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setBytes(1, issued.fingerprint().bytes());
            insert.setString(2, issued.lastFour());
            insert.setLong(3, amount.amount());
            insert.setString(4, amount.currency().getCurrencyCode());
            insert.setString(5, Timestamps.format(now));
            insert.executeUpdate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cardFingerprint", issued.fingerprint().hex());
        payload.put("lastFour", issued.lastFour());
        payload.put("amount", Map.of("amount", amount.amount(), "currency", amount.currency().getCurrencyCode()));
        payload.put("return", forReturn);
        payload.put("issuedAt", now.toString());
        outbox.append(transaction, new OutboxEvent("store-credit-" + forReturn, Capability.GIFT_CARDS, ISSUED_EVENT,
                forReturn, now, CoreJson.write(payload)));
        return issued;
    }

    static String newNumber() {
        StringBuilder digits = new StringBuilder(PREFIX);
        while (digits.length() < 18) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.append(Luhn.checkDigit(digits)).toString();
    }
}
