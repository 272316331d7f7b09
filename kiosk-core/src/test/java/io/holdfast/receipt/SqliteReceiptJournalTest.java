package io.holdfast.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class SqliteReceiptJournalTest {

    @TempDir
    Path folder;
    private Database database;
    private ReceiptJournal journal;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        journal = new SqliteReceiptJournal(database);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void recordsAReceiptWithItsLinesAndTenders() {
        Receipt receipt = aReceipt("0421-03-20261121-0042", Optional.of("LOY-778812"));

        journal.record(receipt);

        assertThat(journal.find(receipt.id())).contains(receipt);
    }

    @Test
    void recordingTheSameReceiptTwiceKeepsTheFirst() {
        Receipt first = aReceipt("0421-03-20261121-0042", Optional.empty());
        journal.record(first);

        journal.record(aReceipt("0421-03-20261121-0042", Optional.of("LOY-1")));

        assertThat(journal.find(first.id())).contains(first);
        assertThat(journal.count()).isEqualTo(1);
    }

    @Test
    void aReceiptsTendersMustAddUpToItsTotal() {
        assertThatThrownBy(() -> new Receipt(new ReceiptId("0421-03-20261121-0042"), "03",
                Instant.parse("2026-11-21T10:15:00Z"),
                List.of(new ReceiptLine(1, "5000111", "Linen shirt", 1, Money.of(2950, "GBP"))),
                List.of(new Tender(Tender.Kind.CASH, Money.of(2000, "GBP"), "cash")), Optional.empty()))
                .hasMessage("receipt 0421-03-20261121-0042 totals 2950 GBP but its tenders add up to 2000 GBP");
    }

    private static Receipt aReceipt(String id, Optional<String> loyaltyId) {
        return new Receipt(new ReceiptId(id), "03", Instant.parse("2026-11-21T10:15:00Z"),
                List.of(new ReceiptLine(1, "5000111", "Linen shirt", 2, Money.of(2950, "GBP")),
                        new ReceiptLine(2, "5000222", "Canvas tote", 1, Money.of(1200, "GBP"))),
                List.of(new Tender(Tender.Kind.CARD, Money.of(5000, "GBP"), "VISA ****4242"),
                        new Tender(Tender.Kind.CASH, Money.of(2100, "GBP"), "cash")),
                loyaltyId);
    }
}
