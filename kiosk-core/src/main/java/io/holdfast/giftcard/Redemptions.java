package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.store.Timestamps;

/** The store's redemptions in SQLite, and the sums the offline rules need; in the caller's transaction. */
final class Redemptions {

    /** What counts against a card or the store: approved and not voided. */
    private static final String LIVE_OFFLINE = "mode = 'OFFLINE' AND state IN ('AUTHORISED', 'CAPTURED')";

    record Stored(Redemption redemption, CardFingerprint card) {
    }

    private Redemptions() {
    }

    static void insert(Connection transaction, Redemption redemption, CardFingerprint card, String actor)
            throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO gift_card_redemptions (redemption_id, card_fingerprint, last_four, amount_minor, currency,
                    mode, state, actor, authorised_at, settled_at, central_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, redemption.redemptionId());
            insert.setBytes(2, card.bytes());
            insert.setString(3, redemption.lastFour());
            insert.setLong(4, redemption.amount().amount());
            insert.setString(5, redemption.amount().currency().getCurrencyCode());
            insert.setString(6, redemption.mode().name());
            insert.setString(7, redemption.state().name());
            insert.setString(8, actor);
            insert.setString(9, Timestamps.format(redemption.authorisedAt()));
            insert.setString(10, redemption.state() == Redemption.State.CAPTURED
                    ? Timestamps.format(redemption.authorisedAt()) : null);
            insert.setString(11, redemption.centralReference().orElse(null));
            insert.executeUpdate();
        }
    }

    static Optional<Stored> find(Connection connection, String redemptionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT card_fingerprint, last_four, amount_minor, currency, mode, state, authorised_at, central_reference
                FROM gift_card_redemptions WHERE redemption_id = ?""")) {
            select.setString(1, redemptionId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(new Redemption(redemptionId, row.getString(2),
                        Money.of(row.getLong(3), row.getString(4)), Redemption.Mode.valueOf(row.getString(5)),
                        Redemption.State.valueOf(row.getString(6)), Instant.parse(row.getString(7)), Optional.empty(),
                        Optional.ofNullable(row.getString(8))), CardFingerprint.of(row.getBytes(1))));
            }
        }
    }

    /** Moves an authorised redemption on; answers false when it was not authorised any more. */
    static boolean settle(Connection transaction, String redemptionId, Redemption.State to, Instant at)
            throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement("""
                UPDATE gift_card_redemptions SET state = ?, settled_at = ?
                WHERE redemption_id = ? AND state = 'AUTHORISED'""")) {
            update.setString(1, to.name());
            update.setString(2, Timestamps.format(at));
            update.setString(3, redemptionId);
            return update.executeUpdate() == 1;
        }
    }

    /** Records central's verdict once; answers false when it was already recorded. */
    static boolean judge(Connection transaction, String redemptionId, String verdict, Instant at) throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement("""
                UPDATE gift_card_redemptions SET verdict = ?, verdict_at = ?
                WHERE redemption_id = ? AND verdict IS NULL""")) {
            update.setString(1, verdict);
            update.setString(2, Timestamps.format(at));
            update.setString(3, redemptionId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * What this store spent on the card offline that central's figure dated {@code asOf} may not
     * include yet: everything without a verdict, and what central judged after that figure.
     */
    static long unreconciled(Connection connection, CardFingerprint card, Instant asOf) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(amount_minor), 0)"
                + " FROM gift_card_redemptions WHERE card_fingerprint = ? AND " + LIVE_OFFLINE
                + " AND (verdict IS NULL OR verdict_at > ?)")) {
            select.setBytes(1, card.bytes());
            select.setString(2, Timestamps.format(asOf));
            return single(select);
        }
    }

    /** Offline spend between {@code from} and {@code to}: one card's, or the store's when {@code card} is empty. */
    static long offlineBetween(Connection connection, Optional<CardFingerprint> card, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(amount_minor), 0)"
                + " FROM gift_card_redemptions WHERE " + LIVE_OFFLINE + " AND authorised_at >= ? AND authorised_at < ?"
                + (card.isPresent() ? " AND card_fingerprint = ?" : ""))) {
            select.setString(1, Timestamps.format(from));
            select.setString(2, Timestamps.format(to));
            if (card.isPresent()) {
                select.setBytes(3, card.get().bytes());
            }
            return single(select);
        }
    }

    private static long single(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
