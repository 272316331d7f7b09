package io.holdfast.giftcard;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import io.holdfast.money.Money;
import io.holdfast.store.Database;

/** Gift-card balances in the store's SQLite file. */
public final class SqliteGiftCardBalances implements GiftCardBalances {

    private final Database database;

    public SqliteGiftCardBalances(Database database) {
        this.database = database;
    }

    @Override
    public void putAll(Collection<GiftCardBalance> balances) {
        database.inTransaction("store " + balances.size() + " gift-card balances", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO gift_card_balances (card_fingerprint, last_four, balance_minor, currency, as_of)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (card_fingerprint) DO UPDATE SET
                        last_four = excluded.last_four, balance_minor = excluded.balance_minor,
                        currency = excluded.currency, as_of = excluded.as_of""")) {
                for (GiftCardBalance balance : balances) {
                    statement.setBytes(1, balance.card().bytes());
                    statement.setString(2, balance.lastFour());
                    statement.setLong(3, balance.balance().amount());
                    statement.setString(4, balance.balance().currency().getCurrencyCode());
                    statement.setString(5, balance.asOf().toString());
                    statement.addBatch();
                }
                return statement.executeBatch().length;
            }
        });
    }

    @Override
    public Optional<GiftCardBalance> find(CardFingerprint card) {
        return database.read("find a gift-card balance", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT last_four, balance_minor, currency, as_of FROM gift_card_balances
                    WHERE card_fingerprint = ?""")) {
                statement.setBytes(1, card.bytes());
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new GiftCardBalance(card, row.getString(1),
                            Money.of(row.getLong(2), row.getString(3)), Instant.parse(row.getString(4))));
                }
            }
        });
    }

    @Override
    public long count() {
        return database.readLong("count gift-card balances", "SELECT count(*) FROM gift_card_balances");
    }
}
