package io.holdfast.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/** Sales and gift cards in a test store's file, dated from the test clock, for the page tests. */
final class StoreFixtures {

    private final Path file;

    private StoreFixtures(Path file) {
        this.file = file;
    }

    /** A store seeded with the test staff and no orders, ready for sales and cards. */
    static StoreFixtures in(Path file) {
        TestStores.seed(file, List.of());
        return new StoreFixtures(file);
    }

    /** A sale posted as a till would, {@code daysAgo} on the test clock, paid in full by card. */
    StoreFixtures cardSale(String receiptId, int daysAgo, ReceiptLine... lines) {
        Money total = Arrays.stream(lines).map(line -> line.unitPrice().times(line.quantity()))
                .reduce(Money.of(0, "GBP"), Money::plus);
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            new ReceiptPosting(database, new Outbox(database)).post(new Receipt(new ReceiptId(receiptId),
                    receiptId.substring(5, 7), TestClocks.TICKING.instant().minus(Duration.ofDays(daysAgo)), List.of(lines),
                    List.of(new Tender(Tender.Kind.CARD, total, "VISA ****1234")), Optional.empty()));
        }
        return this;
    }

    /** A gift card in the store's copy, as central's stream sends it, last heard of {@code hoursAgo}. */
    StoreFixtures giftCard(byte[] key, String number, String pin, Money balance, int hoursAgo) {
        CardFingerprinter cards = new CardFingerprinter(key);
        CardNumber card = new CardNumber(number);
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            new SqliteGiftCardBalances(database).putAll(List.of(new GiftCardBalance(cards.fingerprint(card),
                    card.lastFour(), balance, TestClocks.TICKING.instant().minus(Duration.ofHours(hoursAgo)),
                    Optional.of(cards.pinCheck(card, new CardPin(pin))), false)));
        }
        return this;
    }

    /** One line of a sale: one of {@code sku} at {@code pence}. */
    static ReceiptLine line(int number, String sku, String description, int quantity, long pence, String category) {
        return new ReceiptLine(number, sku, description, quantity, Money.of(pence, "GBP"), category);
    }
}
