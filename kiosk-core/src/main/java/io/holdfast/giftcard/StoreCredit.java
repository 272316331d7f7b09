package io.holdfast.giftcard;

import java.math.BigInteger;
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
 * Store credit, issued in the store as a new gift card: a 19-digit number with a Luhn check digit
 * and a six-digit PIN, both derived from the return's id under the fleet's gift-card key, so the
 * same return always gives the same card and a lost voucher can be printed again, while neither is
 * ever stored: the store keeps the card's keyed fingerprint, last four digits and PIN check, its
 * balance written with a {@code GIFT_CARDS} event in the caller's transaction (with the PIN check,
 * so central asks for the PIN too). The number and PIN leave the gateway only on the printed voucher.
 */
public final class StoreCredit {

    /** The demo retailer's store-credit range; central's own cards use other prefixes. */
    static final String PREFIX = "633799";
    public static final String ISSUED_EVENT = "giftcard.store-credit-issued";

    /** A card issued. {@code cardNumber} and {@code pin} are for the voucher only and are never stored. */
    public record Issued(String cardNumber, String pin, String lastFour, CardFingerprint fingerprint, Money amount) {
        public Issued {
            Objects.requireNonNull(cardNumber, "card number");
            Objects.requireNonNull(pin, "PIN");
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
        Issued issued = reissue(forReturn, amount);
        PinCheck pinCheck = fingerprinter.pinCheck(new CardNumber(issued.cardNumber()), new CardPin(issued.pin()));
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO gift_card_balances (card_fingerprint, last_four, balance_minor, currency, as_of, pin_check)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setBytes(1, issued.fingerprint().bytes());
            insert.setString(2, issued.lastFour());
            insert.setLong(3, amount.amount());
            insert.setString(4, amount.currency().getCurrencyCode());
            insert.setString(5, Timestamps.format(now));
            insert.setBytes(6, pinCheck.bytes());
            insert.executeUpdate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cardFingerprint", issued.fingerprint().hex());
        payload.put("lastFour", issued.lastFour());
        payload.put("pinCheck", pinCheck.hex());
        payload.put("amount", Map.of("amount", amount.amount(), "currency", amount.currency().getCurrencyCode()));
        payload.put("return", forReturn);
        payload.put("issuedAt", now.toString());
        outbox.append(transaction, new OutboxEvent("store-credit-" + forReturn, Capability.GIFT_CARDS, ISSUED_EVENT,
                forReturn, now, CoreJson.write(payload)));
        return issued;
    }

    /**
     * The card issued for a return, worked out again (nothing is read or written): for printing a
     * lost voucher, or for the answer to a return asked for again.
     */
    public Issued reissue(String forReturn, Money amount) {
        String number = numberFor(forReturn);
        return new Issued(number, pinFor(forReturn), number.substring(number.length() - 4),
                fingerprinter.fingerprint(number), amount);
    }

    String numberFor(String forReturn) {
        String body = PREFIX + digits(fingerprinter.derived("store-credit-number:" + forReturn), 18 - PREFIX.length());
        return body + Luhn.checkDigit(body);
    }

    String pinFor(String forReturn) {
        return digits(fingerprinter.derived("store-credit-pin:" + forReturn), 6);
    }

    private static String digits(BigInteger value, int count) {
        String digits = value.mod(BigInteger.TEN.pow(count)).toString();
        return "0".repeat(count - digits.length()) + digits;
    }
}
