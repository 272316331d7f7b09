package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Gift-card balances in the store's SQLite file. A figure older than the one the store has (it
 * learnt a newer one from central's answer to a redemption) does not replace it. A row marked
 * blocked blocks the card offline; a row not marked blocked, newer than the block, clears it.
 */
public final class SqliteGiftCardBalances implements GiftCardBalances {

    private final Database database;

    public SqliteGiftCardBalances(Database database) {
        this.database = database;
    }

    @Override
    public void putAll(Collection<GiftCardBalance> balances) {
        database.inTransaction("store " + balances.size() + " gift-card balances", connection -> {
            Set<String> blocked = openBlocks(connection);
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO gift_card_balances (card_fingerprint, last_four, balance_minor, currency, as_of, pin_check)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (card_fingerprint) DO UPDATE SET
                        last_four = excluded.last_four, balance_minor = excluded.balance_minor,
                        currency = excluded.currency, as_of = excluded.as_of, pin_check = excluded.pin_check
                    WHERE excluded.as_of >= gift_card_balances.as_of""")) {
                for (GiftCardBalance balance : balances) {
                    statement.setBytes(1, balance.card().bytes());
                    statement.setString(2, balance.lastFour());
                    statement.setLong(3, balance.balance().amount());
                    statement.setString(4, balance.balance().currency().getCurrencyCode());
                    statement.setString(5, Timestamps.format(balance.asOf()));
                    statement.setBytes(6, balance.pinCheck().map(PinCheck::bytes).orElse(null));
                    statement.addBatch();
                    if (balance.blocked()) {
                        CardBlocks.block(connection, balance.card(), balance.lastFour(),
                                "head office holds this card back", balance.asOf());
                    } else if (blocked.contains(balance.card().hex())) {
                        CardBlocks.clear(connection, balance.card(), balance.asOf());
                    }
                }
                return statement.executeBatch().length;
            }
        });
    }

    @Override
    public Optional<GiftCardBalance> find(CardFingerprint card) {
        return database.read("find a gift-card balance", connection -> find(connection, card));
    }

    /** A card's balance row and whether it is blocked, in the caller's transaction. */
    static Optional<GiftCardBalance> find(Connection connection, CardFingerprint card) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT last_four, balance_minor, currency, as_of, pin_check,
                    EXISTS (SELECT 1 FROM gift_card_blocks b
                            WHERE b.card_fingerprint = gift_card_balances.card_fingerprint AND b.cleared_at IS NULL)
                FROM gift_card_balances WHERE card_fingerprint = ?""")) {
            statement.setBytes(1, card.bytes());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                byte[] pin = row.getBytes(5);
                return Optional.of(new GiftCardBalance(card, row.getString(1),
                        Money.of(row.getLong(2), row.getString(3)), Instant.parse(row.getString(4)),
                        Optional.ofNullable(pin).map(PinCheck::of), row.getBoolean(6)));
            }
        }
    }

    @Override
    public long count() {
        return database.readLong("count gift-card balances", "SELECT count(*) FROM gift_card_balances");
    }

    private static Set<String> openBlocks(Connection connection) throws SQLException {
        Set<String> open = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT card_fingerprint FROM gift_card_blocks WHERE cleared_at IS NULL");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                open.add(HexFormat.of().formatHex(row.getBytes(1)));
            }
        }
        return open;
    }
}
