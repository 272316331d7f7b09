package io.holdfast.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.holdfast.central.demo.DemoDataset;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.receipt.SqliteReceiptJournal;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/**
 * Fills an empty demo store from central's demo dataset: the manifest of orders, the receipt
 * journal and the gift-card balances. A store that already holds orders is left exactly as it is.
 */
final class DemoSeeder {

    /**
     * The demo's gift-card key. A real store's key comes from configuration (the gift-card issue
     * wires {@code holdfast.gift-cards.key}); this one only ever fingerprints demo cards.
     */
    static final byte[] DEMO_GIFT_CARD_KEY = "holdfast-demo-gift-card-key-not-for-real-cards"
            .getBytes(StandardCharsets.US_ASCII);

    record Seeded(boolean freshlySeeded, long orders, long receipts, long giftCards) {
    }

    private DemoSeeder() {
    }

    static Seeded seedIfEmpty(DatabaseSettings settings, DemoDataset dataset, Clock clock) {
        try (Database database = Database.open(settings)) {
            var orders = new SqliteOrderRepository(database);
            var journal = new SqliteReceiptJournal(database);
            var balances = new SqliteGiftCardBalances(database);
            boolean empty = orders.count() == 0;
            if (empty) {
                orders.saveAll(dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
                dataset.receipts().forEach(journal::record);
                CardFingerprinter fingerprinter = new CardFingerprinter(DEMO_GIFT_CARD_KEY);
                List<GiftCardBalance> cards = dataset.giftCards().stream()
                        .map(card -> new GiftCardBalance(fingerprinter.fingerprint(card.cardNumber()), card.lastFour(),
                                card.balance(), clock.instant()))
                        .toList();
                balances.putAll(cards);
            }
            return new Seeded(empty, orders.count(), journal.count(), balances.count());
        }
    }
}
