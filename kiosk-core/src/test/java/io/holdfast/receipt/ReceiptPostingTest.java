package io.holdfast.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/** Tills post sales; loyalty receipts are queued for central once, in the same transaction. */
class ReceiptPostingTest {

    @TempDir
    Path folder;
    private Database database;
    private Outbox outbox;
    private ReceiptPosting posting;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        posting = new ReceiptPosting(database, outbox);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aLoyaltyReceiptIsJournalledAndQueuedForLoyaltyOnce() {
        Receipt receipt = sale("0421-03-20261121-0042", Optional.of("LOY-7781"));

        assertThat(posting.post(receipt)).isEqualTo(new PostingOutcome.Recorded(receipt, true));
        assertThat(posting.post(receipt)).isEqualTo(new PostingOutcome.AlreadyRecorded(receipt));

        List<OutboxEvent> events = outbox.eventsFor("0421-03-20261121-0042");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.capability()).isEqualTo(Capability.LOYALTY);
            assertThat(event.type()).isEqualTo(ReceiptPosting.LOYALTY_EVENT);
            assertThat(event.payloadJson()).contains("\"loyaltyId\":\"LOY-7781\"").contains("\"amount\":5900");
        });
        assertThat(new SqliteReceiptJournal(database).find(receipt.id())).contains(receipt);
    }

    @Test
    void aReceiptWithoutLoyaltyIsJournalledWithoutAnEvent() {
        Receipt receipt = sale("0421-03-20261121-0043", Optional.empty());

        assertThat(posting.post(receipt)).isEqualTo(new PostingOutcome.Recorded(receipt, false));

        assertThat(outbox.eventsFor("0421-03-20261121-0043")).isEmpty();
        assertThat(new SqliteReceiptJournal(database).count()).isEqualTo(1);
    }

    @Test
    void aDifferentSaleUnderAnIdAlreadyUsedIsRefusedAndChangesNothing() {
        Receipt first = sale("0421-03-20261121-0044", Optional.of("LOY-1"));
        posting.post(first);
        Receipt other = new Receipt(first.id(), "07", first.issuedAt(), first.lines(), first.tenders(),
                Optional.of("LOY-2"));

        assertThat(posting.post(other)).isInstanceOfSatisfying(PostingOutcome.Conflict.class,
                conflict -> assertThat(conflict.reason()).contains("different contents"));

        assertThat(new SqliteReceiptJournal(database).find(first.id())).contains(first);
        assertThat(outbox.eventsFor(first.id().value())).hasSize(1);
    }

    private static Receipt sale(String id, Optional<String> loyalty) {
        return new Receipt(new ReceiptId(id), "03", Instant.parse("2026-11-21T10:15:00Z"),
                List.of(new ReceiptLine(1, "5000111", "Linen shirt", 2, Money.of(2950, "GBP"))),
                List.of(new Tender(Tender.Kind.CARD, Money.of(5900, "GBP"), "VISA ****1234")), loyalty);
    }
}
