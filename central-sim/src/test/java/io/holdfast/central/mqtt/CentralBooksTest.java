package io.holdfast.central.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.books.LedgerView;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.money.Money;
import io.holdfast.testing.TestClocks;

/**
 * Central's books outlive the simulator: what a ledger applied, a refund paid and a card spent are
 * read back by the next one over the same file (issue 15, item 12).
 */
class CentralBooksTest {

    private static final String STORE = "0421";

    @TempDir
    Path folder;

    @Test
    void aRestartedLedgerKnowsWhatItAppliedSoTheStoresNextEventFollowsAndARepeatIsRefused() {
        Path file = folder.resolve("central-sim.db");
        try (CentralBooks books = CentralBooks.open(file, TestClocks.TICKING)) {
            CentralLedger ledger = new CentralLedger(EventJudge.NONE, books);
            assertThat(ledger.offer(List.of(event(1, 0), event(2, 1)))).containsExactly("k1", "k2");
        }

        try (CentralBooks books = CentralBooks.open(file, TestClocks.TICKING)) {
            CentralLedger ledger = new CentralLedger(EventJudge.NONE, books);

            assertThat(ledger.offer(List.of(event(3, 2)))).as("its predecessor was applied before the restart")
                    .containsExactly("k3");
            assertThat(ledger.offer(List.of(event(2, 1)))).as("acknowledged again, not applied again")
                    .containsExactly("k2");
            assertThat(ledger.waiting()).isZero();
            assertThat(ledger.applied(STORE)).extracting(AppliedEvent::key).containsExactly("k1", "k2", "k3");

            LedgerView view = books.view(10);
            assertThat(view.flows()).singleElement().satisfies(flow -> {
                assertThat(flow.store()).isEqualTo(STORE);
                assertThat(flow.capability()).isEqualTo("ORDERS");
                assertThat(flow.applied()).isEqualTo(3);
                assertThat(flow.duplicatesRefused()).isEqualTo(1);
                assertThat(flow.lastSequence()).isEqualTo(3);
            });
            assertThat(view.recent()).extracting(LedgerView.RecentEvent::sequence).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void refundsAndGiftCardSpendsSurviveARestartAndAreNotRepeated() {
        Path file = folder.resolve("central-sim.db");
        DemoDataset dataset = DemoDataset.generate(STORE, new DemoDataset.Size(1, 1, 2), 3L, TestClocks.TICKING);
        DemoDataset.DemoGiftCard card = dataset.giftCards().getFirst();
        Money before = card.balance();
        String firstReference;
        try (CentralBooks books = CentralBooks.open(file, TestClocks.TICKING)) {
            firstReference = books.payOnce("REF-1", Money.of(1500, "GBP")).reference();
            GiftCardLedger cards = new GiftCardLedger(dataset.giftCards(), GiftCardLedger.DEMO_KEY, TestClocks.TICKING, books);
            assertThat(cards.authorise("RED-1", card.cardNumber(), Optional.of(card.pin()), Money.of(100, "GBP"), true))
                    .isInstanceOf(GiftCardLedger.Answer.Approved.class);
        }

        try (CentralBooks books = CentralBooks.open(file, TestClocks.TICKING)) {
            CentralBooks.PaidRefund again = books.payOnce("REF-1", Money.of(1500, "GBP"));
            assertThat(again.fresh()).isFalse();
            assertThat(again.reference()).isEqualTo(firstReference);
            assertThat(books.refundsPaid()).isEqualTo(1);

            GiftCardLedger cards = new GiftCardLedger(dataset.giftCards(), GiftCardLedger.DEMO_KEY, TestClocks.TICKING, books);
            assertThat(cards.balanceOf(card.cardNumber())).isEqualTo(before.minus(Money.of(100, "GBP")));
            assertThat(cards.authorise("RED-1", card.cardNumber(), Optional.of(card.pin()), Money.of(100, "GBP"), true))
                    .as("the same redemption after a restart is the first one's answer")
                    .isInstanceOfSatisfying(GiftCardLedger.Answer.Approved.class,
                            approved -> assertThat(approved.fresh()).isFalse());
            assertThat(cards.balanceOf(card.cardNumber())).isEqualTo(before.minus(Money.of(100, "GBP")));
            assertThat(books.view(5).giftCards()).singleElement()
                    .satisfies(changed -> assertThat(changed.lastFour()).isEqualTo(card.lastFour()));
            assertThat(books.view(5).refunds().totals()).containsExactly(Money.of(1500, "GBP"));
        }
    }

    private static AppliedEvent event(long sequence, long previous) {
        return new AppliedEvent(STORE, sequence, previous, "k" + sequence, "ORDERS", "CollectionRecorded",
                "CC-10000" + sequence, "{\"n\":" + sequence + "}");
    }
}
