package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.holdfast.store.Timestamps;

/** Wrong PINs in a row per card, and the lock the policy puts on after too many; in the caller's transaction. */
final class PinAttempts {

    private PinAttempts() {
    }

    /** Wrong PINs in a row so far, and the lock they put on, if it still holds at {@code now}. */
    record State(int failures, Optional<Instant> lockedUntil) {
    }

    static State state(Connection connection, CardFingerprint card, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT failures, locked_until FROM gift_card_pin_failures WHERE card_fingerprint = ?")) {
            select.setBytes(1, card.bytes());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new State(0, Optional.empty());
                }
                Optional<Instant> until = Optional.ofNullable(row.getString(2)).map(Instant::parse)
                        .filter(instant -> instant.isAfter(now));
                return new State(row.getInt(1), until);
            }
        }
    }

    /** Counts a wrong PIN; answers how many tries are left, 0 when the card is now locked. */
    static int fail(Connection transaction, CardFingerprint card, GiftCardPolicy policy, Instant now)
            throws SQLException {
        try (PreparedStatement upsert = transaction.prepareStatement("""
                INSERT INTO gift_card_pin_failures (card_fingerprint, failures) VALUES (?, 1)
                ON CONFLICT (card_fingerprint) DO UPDATE SET failures = failures + 1
                RETURNING failures""")) {
            upsert.setBytes(1, card.bytes());
            int failures;
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                failures = row.getInt(1);
            }
            if (failures < policy.pinAttempts()) {
                return policy.pinAttempts() - failures;
            }
        }
        try (PreparedStatement lock = transaction.prepareStatement(
                "UPDATE gift_card_pin_failures SET failures = 0, locked_until = ? WHERE card_fingerprint = ?")) {
            lock.setString(1, Timestamps.format(now.plus(policy.pinLock())));
            lock.setBytes(2, card.bytes());
            lock.executeUpdate();
        }
        return 0;
    }

    static void reset(Connection transaction, CardFingerprint card) throws SQLException {
        try (PreparedStatement delete = transaction.prepareStatement(
                "UPDATE gift_card_pin_failures SET failures = 0 WHERE card_fingerprint = ? AND failures > 0")) {
            delete.setBytes(1, card.bytes());
            delete.executeUpdate();
        }
    }
}
