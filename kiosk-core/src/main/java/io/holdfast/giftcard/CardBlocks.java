package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import io.holdfast.store.Timestamps;

/** Cards held back from offline use, in the caller's transaction. */
final class CardBlocks {

    private CardBlocks() {
    }

    /** Blocks the card, unless it already is. */
    static void block(Connection transaction, CardFingerprint card, String lastFour, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement upsert = transaction.prepareStatement("""
                INSERT INTO gift_card_blocks (card_fingerprint, last_four, reason, blocked_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (card_fingerprint) DO UPDATE SET
                    reason = excluded.reason, blocked_at = excluded.blocked_at, cleared_at = NULL
                WHERE gift_card_blocks.cleared_at IS NOT NULL""")) {
            upsert.setBytes(1, card.bytes());
            upsert.setString(2, lastFour);
            upsert.setString(3, reason);
            upsert.setString(4, Timestamps.format(at));
            upsert.executeUpdate();
        }
    }

    /** Clears a block made before {@code asOf}: central's figure from after it says the card is fine. */
    static void clear(Connection transaction, CardFingerprint card, Instant asOf) throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement("""
                UPDATE gift_card_blocks SET cleared_at = ?
                WHERE card_fingerprint = ? AND cleared_at IS NULL AND blocked_at < ?""")) {
            update.setString(1, Timestamps.format(asOf));
            update.setBytes(2, card.bytes());
            update.setString(3, Timestamps.format(asOf));
            update.executeUpdate();
        }
    }
}
