package io.holdfast.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.budget.OfflineBudgets;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.policy.StorePolicies;
import io.holdfast.receipt.EReceipts;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;

/** Returns over a real SQLite store: every refund path in each mode, caps, double returns and replays. */
class ReturnsDeskTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final FakeCentral central = new FakeCentral();
    private final KeyPair otherStore = ed25519();
    private Database database;
    private Outbox outbox;
    private ModeBoard board;
    private RefundPayments payments;
    private ReturnsDesk desk;
    private int keys;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        wire();
        new ReceiptPosting(database, outbox).post(sale("0421-01-20261118-0001", Tender.Kind.CARD, 2, 2950, "CLOTHING"));
        new ReceiptPosting(database, outbox).post(sale("0421-01-20261118-0002", Tender.Kind.CASH, 1, 2950, "CLOTHING"));
        new ReceiptPosting(database, outbox).post(sale("0421-01-20261118-0003", Tender.Kind.CARD, 1, 18_000, "HOME"));
    }

    /** Builds the desk over the store file, as a gateway (re)starting would. */
    private void wire() {
        outbox = new Outbox(database);
        board = new ModeBoard(database, clock, Duration.ZERO);
        payments = new RefundPayments(database, outbox, central, clock);
        EReceipts eReceipts = new EReceipts(Map.of("store-0512", otherStore.getPublic()), Optional.empty());
        desk = new ReturnsDesk(database, outbox, new ReturnsPolicies(new StorePolicies(database, clock)), board,
                new PurchaseFinder(database, eReceipts, central, clock),
                Optional.of(new StoreCredit(new CardFingerprinter("k".repeat(32).getBytes(StandardCharsets.US_ASCII)))),
                payments, new OfflineBudgets(new StorePolicies(database, clock), board, database, clock), clock,
                LONDON);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlineTheKioskRefundsToTheCardThroughCentralAndRecordsTheReturnWithItsEvent() {
        ReturnOutcome.Made made = made(returnOf("0421-01-20261118-0001", 1, RefundMethod.ORIGINAL_TENDER));

        assertThat(made.made().refund()).hasValueSatisfying(refund -> {
            assertThat(refund.state()).isEqualTo(RefundStatus.State.PAID);
            assertThat(central.timesPaid(refund.refundId())).isEqualTo(1);
        });
        assertThat(made.made().offline()).isFalse();
        assertThat(eventTypes(made.made())).containsExactly(ReturnsDesk.RETURN_EVENT, RefundPayments.PAID_EVENT);
    }

    @Test
    void onlineButCentralSilentTheRefundStaysDueAndIsPaidOnceLater() {
        central.answering(false);
        ReturnOutcome.Made made = made(returnOf("0421-01-20261118-0001", 1, RefundMethod.ORIGINAL_TENDER));
        assertThat(made.made().refund().orElseThrow().state()).isEqualTo(RefundStatus.State.DUE);

        central.answering(true);
        assertThat(payments.payDue(10)).as("it waits its turn").isEqualTo(new RefundPayments.Run(0, 0, 1, Optional.empty()));
        clock.advance(RefundPayments.FIRST_WAIT);
        assertThat(payments.payDue(10)).isEqualTo(new RefundPayments.Run(1, 0, 0, Optional.empty()));
        assertThat(payments.payDue(10)).isEqualTo(new RefundPayments.Run(0, 0, 0, Optional.empty()));
        assertThat(central.totalPayments()).isEqualTo(1);
    }

    @Test
    void isolatedTheCustomerGetsStoreCreditOnANewCardWhoseNumberIsNeverStored() throws Exception {
        isolateRefunds();

        ReturnCommand command = returnOf("0421-01-20261118-0001", 1, RefundMethod.STORE_CREDIT);
        ReturnOutcome.Made made = made(command);

        StoreCredit.Issued credit = made.credit().orElseThrow();
        assertThat(credit.amount()).isEqualTo(Money.of(2950, "GBP"));
        assertThat(credit.cardNumber()).hasSize(19).endsWith(credit.lastFour());
        assertThat(made.made().offline()).isTrue();
        assertThat(made.made().creditLastFour()).contains(credit.lastFour());
        assertThat(eventTypes(made.made())).containsExactlyInAnyOrder(ReturnsDesk.RETURN_EVENT, StoreCredit.ISSUED_EVENT);
        assertThat(outbox.eventsFor(made.made().returnId())).extracting(OutboxEvent::capability)
                .containsExactlyInAnyOrder(Capability.REFUNDS, Capability.GIFT_CARDS);
        assertThat(credit.pin()).matches("[0-9]{6}");
        assertThat(database.readLong("the card's PIN check is kept",
                "SELECT count(*) FROM gift_card_balances WHERE pin_check IS NOT NULL")).isOne();

        ReturnOutcome.Made again = made(command);
        assertThat(again.replayed()).isTrue();
        assertThat(again.credit()).as("the same card again, to print the voucher again").contains(credit);
        database.close();
        assertThat(new String(Files.readAllBytes(folder.resolve("holdfast.db")), StandardCharsets.ISO_8859_1))
                .doesNotContain(credit.cardNumber()).doesNotContain("PIN " + credit.pin());
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
    }

    @Test
    void isolatedADeferredRefundIsPromisedAndPaidExactlyOnceWhenRefundsIsRestoredEvenAfterACrash() {
        isolateRefunds();
        ReturnOutcome.Made made = made(returnOf("0421-01-20261118-0001", 2, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER));
        String refundId = made.made().refund().orElseThrow().refundId();
        assertThat(payments.due()).singleElement().satisfies(due -> {
            assertThat(due.amount()).isEqualTo(Money.of(5900, "GBP"));
            assertThat(due.tenderReference()).isEqualTo("VISA ****1234");
        });
        assertThat(central.totalPayments()).as("isolated: central is not asked").isZero();

        restoreRefunds();
        central.crashAfterPayingOnce();
        assertThatThrownBy(() -> payments.payDue(10)).isInstanceOf(IllegalStateException.class);
        assertThat(payments.status(refundId).state()).as("the store never heard the answer").isEqualTo(RefundStatus.State.DUE);

        database.close();
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        wire();
        assertThat(payments.payDue(10).paid()).isEqualTo(1);

        assertThat(payments.status(refundId).state()).isEqualTo(RefundStatus.State.PAID);
        assertThat(central.timesPaid(refundId)).as("paid once, not twice").isEqualTo(1);
        assertThat(payments.due()).isEmpty();
        assertThat(outbox.eventsFor(made.made().returnId())).filteredOn(e -> e.type().equals(RefundPayments.PAID_EVENT))
                .hasSize(1);
    }

    @Test
    void anItemCannotComeBackTwiceAndAReplayedRequestAnswersTheFirstReturn() {
        ReturnCommand first = returnOf("0421-01-20261118-0001", 2, RefundMethod.ORIGINAL_TENDER);
        ReturnOutcome.Made made = made(first);

        ReturnOutcome replay = desk.make(first);
        assertThat(replay).isInstanceOfSatisfying(ReturnOutcome.Made.class, again -> {
            assertThat(again.replayed()).isTrue();
            assertThat(again.made().returnId()).isEqualTo(made.made().returnId());
            assertThat(again.made().refund().orElseThrow().state()).isEqualTo(RefundStatus.State.PAID);
        });
        ReturnOutcome second = desk.make(returnOf("0421-01-20261118-0001", 1, RefundMethod.ORIGINAL_TENDER));
        assertThat(second).isEqualTo(new ReturnOutcome.Refused(ReturnRefusal.NOT_RETURNABLE,
                Reason.of("return.already-returned", "quantity", 2)));
        ReturnCommand sameKeyOtherRequest = new ReturnCommand(first.purchase(), Channel.KIOSK, "kiosk-1", false,
                Optional.empty(), first.lines(), RefundMethod.STORE_CREDIT, first.idempotencyKey());
        assertThat(desk.make(sameKeyOtherRequest)).isEqualTo(new ReturnOutcome.Refused(
                ReturnRefusal.IDEMPOTENCY_KEY_REUSED, Reason.of("return.key-reused")));
        assertThat(central.totalPayments()).isEqualTo(1);
        assertThat(database.readLong("count returns", "SELECT count(*) FROM returns")).isEqualTo(1);
    }

    @Test
    void theQuoteCountsWhatCameBackAndPricesTheOptionsNow() {
        made(returnOf("0421-01-20261118-0001", 1, RefundMethod.ORIGINAL_TENDER));
        isolateRefunds();

        Quote quote = quoteOne("0421-01-20261118-0001");

        assertThat(quote.lines()).singleElement().satisfies(line -> {
            assertThat(line.alreadyReturned()).isEqualTo(1);
            assertThat(line.decision()).isInstanceOfSatisfying(LineDecision.Returnable.class,
                    returnable -> assertThat(returnable.quantity()).isEqualTo(1));
        });
        assertThat(quote.refundAmount()).as("one of the one left").isEqualTo(Money.of(2950, "GBP"));
        assertThat(quote.refundsOnline()).isFalse();
        assertThat(quote.option(RefundMethod.DEFERRED_TO_ORIGINAL_TENDER).orElseThrow().open()).isTrue();
        assertThat(quote.option(RefundMethod.ORIGINAL_TENDER).orElseThrow().open()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = CapabilityState.class, names = {"DEGRADED", "ISOLATED", "RESTORING"})
    void inEveryModeButOnlineTheCardIsRefundedLaterOrAsStoreCreditNow(CapabilityState mode) {
        switch (mode) {
            case DEGRADED -> board.centralObserved(Capability.REFUNDS, false, "central refunds timed out");
            case ISOLATED -> isolateRefunds();
            case RESTORING -> {
                isolateRefunds();
                board.restore(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it", "restored");
            }
            default -> throw new IllegalArgumentException(mode.name());
        }
        assertThat(board.status(Capability.REFUNDS).state()).isEqualTo(mode);
        Quote quote = quoteOne("0421-01-20261118-0001");

        assertThat(quote.options()).filteredOn(RefundOption::open).extracting(RefundOption::method)
                .containsExactlyInAnyOrder(RefundMethod.DEFERRED_TO_ORIGINAL_TENDER, RefundMethod.STORE_CREDIT);
        ReturnOutcome.Made made = made(returnOf("0421-01-20261118-0001", 1, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER));
        assertThat(made.made().refund().orElseThrow().state()).isEqualTo(RefundStatus.State.DUE);
        assertThat(central.totalPayments()).isZero();
    }

    @Test
    void onlineStoreCreditIsAlsoOpenAndNotCountedAsOfflineExposure() {
        ReturnOutcome.Made made = made(returnOf("0421-01-20261118-0001", 1, RefundMethod.STORE_CREDIT));

        assertThat(made.made().offline()).isFalse();
        assertThat(made.credit()).isPresent();
        assertThat(desk.exposureToday("GBP")).isEqualTo(Money.of(0, "GBP"));
    }

    @Test
    void anUnknownReceiptIsNotFound() {
        assertThat(desk.quote(new QuoteRequest(new PurchaseRef.ByReceipt(new ReceiptId("0421-09-20261118-9999")),
                Channel.KIOSK, false, Optional.empty(), List.of()))).isEqualTo(new QuoteOutcome.Refused(
                ReturnRefusal.RECEIPT_NOT_FOUND, Reason.of("return.receipt-not-found", "receipt", "0421-09-20261118-9999")));
    }

    @Test
    void overTheKioskCapOfflineTheKioskHandsOverToAColleagueAndWritesNothing() {
        isolateRefunds();

        ReturnOutcome outcome = desk.make(returnOf("0421-01-20261118-0003", 1, RefundMethod.STORE_CREDIT));

        assertThat(outcome).isEqualTo(new ReturnOutcome.Refused(ReturnRefusal.COLLEAGUE_NEEDED,
                Reason.of("refund.over-kiosk-limit", "limit", Money.of(10_000, "GBP"))));
        assertThat(database.readLong("count returns", "SELECT count(*) FROM returns")).isZero();
    }

    @Test
    void theStoresDailyOfflineExposureIsCountedAndCapped() {
        isolateRefunds();
        made(returnOf("0421-01-20261118-0001", 2, RefundMethod.STORE_CREDIT));

        assertThat(desk.exposureToday("GBP")).isEqualTo(Money.of(5900, "GBP"));
        clock.advance(Duration.ofDays(1));
        assertThat(desk.exposureToday("GBP")).as("a new day starts at zero").isEqualTo(Money.of(0, "GBP"));
    }

    @Test
    void cashIsRefundedOnlyAtTheDeskForACashSale() {
        isolateRefunds();
        ReturnCommand atKiosk = returnOf("0421-01-20261118-0002", 1, RefundMethod.CASH);
        assertThat(desk.make(atKiosk)).isInstanceOfSatisfying(ReturnOutcome.Refused.class,
                refused -> assertThat(refused.refusal()).isEqualTo(ReturnRefusal.COLLEAGUE_NEEDED));

        ReturnCommand atDesk = new ReturnCommand(atKiosk.purchase(), Channel.DESK, "S1001", false, Optional.empty(),
                atKiosk.lines(), RefundMethod.CASH, "desk-" + keys++);
        ReturnOutcome.Made made = made(atDesk);
        assertThat(made.made().refund()).isEmpty();
        assertThat(made.made().offline()).isTrue();
        assertThat(desk.exposureToday("GBP")).as("cash from the till is not owed by central").isEqualTo(Money.of(0, "GBP"));
    }

    @Test
    void aSignedEReceiptFromAnotherStoreIsAcceptedOfflineAndATamperedOneIsRefused() {
        isolateRefunds();
        Receipt elsewhere = sale("0512-02-20261119-0007", Tender.Kind.CARD, 1, 2950, "CLOTHING");
        String code = EReceipts.sign(elsewhere, new EReceipts.Signer("store-0512", otherStore.getPrivate()));

        ReturnOutcome.Made made = made(new ReturnCommand(new PurchaseRef.ByEReceipt(code), Channel.KIOSK, "kiosk-1",
                false, Optional.empty(), List.of(new ReturnLineRequest(1, 1, "changed-mind", Map.of("unused", true))),
                RefundMethod.STORE_CREDIT, "k-" + keys++));
        assertThat(made.made().purchaseId()).isEqualTo("0512-02-20261119-0007");
        assertThat(made.made().kind()).isEqualTo(Purchase.Kind.E_RECEIPT);

        String tampered = code.substring(0, 12) + (code.charAt(12) == 'A' ? 'B' : 'A') + code.substring(13);
        assertThat(desk.quote(new QuoteRequest(new PurchaseRef.ByEReceipt(tampered), Channel.KIOSK, false,
                Optional.empty(), List.of()))).isInstanceOfSatisfying(QuoteOutcome.Refused.class,
                refused -> assertThat(refused.refusal()).isEqualTo(ReturnRefusal.E_RECEIPT_REFUSED));
    }

    @Test
    void aSupervisorTakesBackAnItemWithoutAReceiptAsStoreCreditAndTheReasonIsAudited() {
        isolateRefunds();
        PurchaseRef none = new PurchaseRef.WithoutReceipt(List.of(new PurchasedLine(1, "5001001", "Linen shirt",
                "CLOTHING", 1, Money.of(2950, "GBP"))));
        List<ReturnLineRequest> lines = List.of(new ReturnLineRequest(1, 1, "gift", Map.of("unused", true)));

        assertThat(desk.make(new ReturnCommand(none, Channel.DESK, "S1001", false, Optional.empty(), lines,
                RefundMethod.STORE_CREDIT, "k-" + keys++))).isInstanceOfSatisfying(ReturnOutcome.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.of("return.proof-needed")));
        ReturnOutcome.Made made = made(new ReturnCommand(none, Channel.DESK, "S2001", false,
                Optional.of("customer has the bank statement"), lines, RefundMethod.STORE_CREDIT, "k-" + keys++));

        assertThat(made.made().overrideReason()).contains("customer has the bank statement");
        assertThat(database.readLong("count override audits",
                "SELECT count(*) FROM audit_log WHERE action = 'return.made-by-override'")).isEqualTo(1);
    }

    @Test
    void refundsOfflineForTheirWholeWeekStopStoreCreditAndDeferredRefundsUntilRestored() {
        isolateRefunds();
        clock.advance(Duration.ofDays(4));
        assertThat(quoteOne("0421-01-20261118-0001").option(RefundMethod.STORE_CREDIT).orElseThrow().availability())
                .as("one shirt, £29.50, is within the halved kiosk limit").isEqualTo(RefundOption.Availability.OPEN);
        Quote both = ((QuoteOutcome.Quoted) desk.quote(new QuoteRequest(
                new PurchaseRef.ByReceipt(new ReceiptId("0421-01-20261118-0001")), Channel.KIOSK, false,
                Optional.empty(), List.of(new ReturnLineRequest(1, 2, "changed-mind", Map.of("unused", true)))))).quote();
        assertThat(both.option(RefundMethod.STORE_CREDIT).orElseThrow())
                .as("past half the budget the kiosk's £100.00 limit is £50.00: two shirts, £59.00, go to the desk")
                .isEqualTo(new RefundOption(RefundMethod.STORE_CREDIT, RefundOption.Availability.ASK_COLLEAGUE,
                        Reason.of("refund.over-kiosk-limit", "limit", Money.of(5000, "GBP"))));
        clock.advance(Duration.ofDays(3));

        assertThat(quoteOne("0421-01-20261118-0001").option(RefundMethod.STORE_CREDIT).orElseThrow())
                .isEqualTo(new RefundOption(RefundMethod.STORE_CREDIT, RefundOption.Availability.CLOSED,
                        Reason.of("refund.offline-budget-spent")));
        assertThat(desk.make(returnOf("0421-01-20261118-0001", 1, RefundMethod.STORE_CREDIT)))
                .isInstanceOf(ReturnOutcome.Refused.class);

        restoreRefunds();
        assertThat(quoteOne("0421-01-20261118-0001").option(RefundMethod.STORE_CREDIT).orElseThrow().availability())
                .isEqualTo(RefundOption.Availability.OPEN);
    }

    private ReturnOutcome.Made made(ReturnCommand command) {
        ReturnOutcome outcome = desk.make(command);
        assertThat(outcome).isInstanceOf(ReturnOutcome.Made.class);
        return (ReturnOutcome.Made) outcome;
    }

    /** A quote for one of line 1, its condition question answered yes. */
    private Quote quoteOne(String receipt) {
        return ((QuoteOutcome.Quoted) desk.quote(new QuoteRequest(new PurchaseRef.ByReceipt(new ReceiptId(receipt)),
                Channel.KIOSK, false, Optional.empty(),
                List.of(new ReturnLineRequest(1, 1, "changed-mind", Map.of("unused", true)))))).quote();
    }

    @Test
    void aQuoteWithNothingChosenPricesNothingAndSaysSo() {
        Quote quote = ((QuoteOutcome.Quoted) desk.quote(new QuoteRequest(
                new PurchaseRef.ByReceipt(new ReceiptId("0421-01-20261118-0001")), Channel.KIOSK, false,
                Optional.empty(), List.of()))).quote();

        assertThat(quote.refundAmount()).isEqualTo(Money.of(0, "GBP"));
        assertThat(quote.options()).isEmpty();
        assertThat(quote.selectionProblem()).contains(Reason.of("return.nothing-chosen"));
        assertThat(quote.lines()).singleElement().extracting(LineQuote::decision)
                .isInstanceOf(LineDecision.Returnable.class);
    }

    private ReturnCommand returnOf(String receipt, int quantity, RefundMethod method) {
        return new ReturnCommand(new PurchaseRef.ByReceipt(new ReceiptId(receipt)), Channel.KIOSK, "kiosk-1", false,
                Optional.empty(), List.of(new ReturnLineRequest(1, quantity, "changed-mind", Map.of("unused", true))),
                method, "key-" + keys++);
    }

    private List<String> eventTypes(MadeReturn made) {
        return outbox.eventsFor(made.returnId()).stream().map(OutboxEvent::type).toList();
    }

    private void isolateRefunds() {
        board.isolate(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
        assertThat(board.status(Capability.REFUNDS).state()).isEqualTo(CapabilityState.ISOLATED);
    }

    private void restoreRefunds() {
        board.restore(List.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it", "restored");
        board.backlogObserved(Capability.REFUNDS, 0, true);
        assertThat(board.status(Capability.REFUNDS).state()).isEqualTo(CapabilityState.ONLINE);
    }

    private Receipt sale(String id, Tender.Kind kind, int quantity, long price, String category) {
        Money total = Money.of(price * quantity, "GBP");
        return new Receipt(new ReceiptId(id), "01", clock.instant().minus(Duration.ofDays(3)),
                List.of(new ReceiptLine(1, "5001001", "Linen shirt, blue, M", quantity, Money.of(price, "GBP"), category)),
                List.of(new Tender(kind, total, kind == Tender.Kind.CASH ? "cash" : "VISA ****1234")), Optional.empty());
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
