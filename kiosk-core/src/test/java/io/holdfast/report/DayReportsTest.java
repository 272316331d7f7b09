package io.holdfast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.budget.OfflineBudgets;
import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerException;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.GiftCardDesk;
import io.holdfast.giftcard.GiftCardPolicies;
import io.holdfast.giftcard.GiftCardPolicy;
import io.holdfast.giftcard.Luhn;
import io.holdfast.giftcard.RedeemCommand;
import io.holdfast.giftcard.RedemptionOutcome;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.money.Money;
import io.holdfast.order.CentralOrders;
import io.holdfast.order.CollectCommand;
import io.holdfast.order.CollectOutcome;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.CollectionDesk;
import io.holdfast.order.Customer;
import io.holdfast.order.LineQuantity;
import io.holdfast.order.Order;
import io.holdfast.order.OrderExpiry;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.order.Verification;
import io.holdfast.outbox.Outbox;
import io.holdfast.policy.StorePolicies;
import io.holdfast.receipt.EReceipts;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.returns.Channel;
import io.holdfast.returns.CentralPurchases;
import io.holdfast.returns.CentralRefunds;
import io.holdfast.returns.PurchaseFinder;
import io.holdfast.returns.PurchaseRef;
import io.holdfast.returns.RefundMethod;
import io.holdfast.returns.RefundPayments;
import io.holdfast.returns.ReturnCommand;
import io.holdfast.returns.ReturnLineRequest;
import io.holdfast.returns.ReturnOutcome;
import io.holdfast.returns.ReturnsDesk;
import io.holdfast.returns.ReturnsPolicies;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

/**
 * A store-day of mixed online and offline work, made through the real desks on a stepping clock over
 * a real SQLite store, then reported: each figure is checked against what the day did and against
 * the rows behind it.
 */
class DayReportsTest {

    private static final LocalDate DAY = TestClocks.today();
    private static final Instant MIDNIGHT = DAY.atStartOfDay(TestClocks.ZONE).toInstant();
    private static final CardFingerprinter CARDS =
            new CardFingerprinter("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final CollectionCodes CODES =
            new CollectionCodes("a-test-collection-code-key-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(MIDNIGHT.minus(Duration.ofHours(2)));
    private final AtomicReference<CentralOrders.Answer> centralOrders =
            new AtomicReference<>(new CentralOrders.Answer.Collectable());
    private Database database;
    private Outbox outbox;
    private ModeBoard board;
    private CollectionDesk collections;
    private ReturnsDesk returns;
    private GiftCardDesk giftCards;
    private ManagerExceptions exceptions;
    private DayReports reports;
    private int keys;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        board = new ModeBoard(database, clock, Duration.ZERO);
        StorePolicies policies = new StorePolicies(database, clock);
        collections = new CollectionDesk(database, outbox, id -> centralOrders.get(),
                new OrderExpiry(database, outbox, clock, TestClocks.ZONE), clock);
        CentralAlwaysPays central = new CentralAlwaysPays();
        returns = new ReturnsDesk(database, outbox, new ReturnsPolicies(policies), board,
                new PurchaseFinder(database, new EReceipts(Map.of(), Optional.empty()), central, clock),
                Optional.of(new StoreCredit(CARDS)), new RefundPayments(database, outbox, central, clock),
                new OfflineBudgets(policies, board, database, clock), clock, TestClocks.ZONE);
        giftCards = new GiftCardDesk(database, outbox, new GiftCardPolicies(policies), board,
                new OfflineBudgets(policies, board, database, clock), new NoCentralGiftCards(), CARDS, clock,
                TestClocks.ZONE);
        exceptions = new ManagerExceptions(database, outbox, clock);
        reports = new DayReports("store-0421", database, new GiftCardPolicies(policies)::inForce, clock, TestClocks.ZONE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aDayOfMixedWorkAddsUpToTheRowsBehindIt() {
        workTheDay();

        DayReport report = reports.report(DAY);

        assertThat(report.from()).isEqualTo(MIDNIGHT);
        assertThat(report.to()).isEqualTo(at(17, 0));
        assertThat(timeIn(report, Capability.ORDERS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                CapabilityState.ONLINE, Duration.ofHours(11).plusMinutes(40), CapabilityState.ISOLATED, Duration.ofHours(5),
                CapabilityState.RESTORING, Duration.ofMinutes(20), CapabilityState.DEGRADED, Duration.ZERO));
        assertThat(timeIn(report, Capability.LOYALTY).get(CapabilityState.DEGRADED)).isEqualTo(Duration.ofMinutes(45));
        assertThat(timeIn(report, Capability.PAYMENTS).get(CapabilityState.ISOLATED))
                .as("isolated the evening before, all day").isEqualTo(Duration.ofHours(17));
        for (DayTimeline timeline : report.time()) {
            assertThat(timeline.totals().values().stream().reduce(Duration.ZERO, Duration::plus))
                    .as("%s's segments cover the day without gaps", timeline.capability())
                    .isEqualTo(Duration.between(report.from(), report.to()));
        }

        DayReport.OfflineWork work = report.offline();
        assertThat(work.handOvers()).isEqualTo(new DayReport.HandOvers(1, 1));
        assertThat(work.handOvers().online() + work.handOvers().offline())
                .isEqualTo(rows("SELECT count(*) FROM collections"));
        assertThat(byMethod(report, RefundMethod.ORIGINAL_TENDER).all()).isEqualTo(tally(1, 2950));
        assertThat(byMethod(report, RefundMethod.ORIGINAL_TENDER).offline()).isEqualTo(tally(0, 0));
        assertThat(byMethod(report, RefundMethod.STORE_CREDIT).offline()).isEqualTo(tally(1, 2950));
        assertThat(byMethod(report, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER).offline()).isEqualTo(tally(1, 9_000));
        assertThat(work.returns().stream().mapToLong(r -> r.all().amount().amount()).sum())
                .isEqualTo(rows("SELECT sum(amount_minor) FROM returns WHERE returned_at >= '" + stored(MIDNIGHT) + "'"));
        assertThat(work.returns().stream().mapToLong(r -> r.offline().count()).sum())
                .isEqualTo(rows("SELECT count(*) FROM returns WHERE offline = 1 AND returned_at >= '" + stored(MIDNIGHT) + "'"));
        assertThat(work.storeCredit()).isEqualTo(tally(1, 2950));
        assertThat(work.storeCredit().amount().amount()).isEqualTo(rows("""
                SELECT sum(json_extract(payload, '$.amount.amount')) FROM outbox_events
                WHERE type = 'giftcard.store-credit-issued'"""));
        assertThat(work.refundsOwed()).isEqualTo(tally(2, 9_000 + 1_000));
        assertThat(work.refundsOwedFromToday()).isEqualTo(tally(1, 9_000));
        assertThat(work.refundsOwed().amount().amount())
                .isEqualTo(rows("SELECT sum(amount_minor) FROM refunds WHERE state = 'DUE'"));

        DayReport.GiftCardExposure cards = work.giftCards();
        GiftCardPolicy policy = GiftCardPolicy.bundled();
        assertThat(cards.redeemed()).isEqualTo(tally(3, 2000 + 3000 + 1500));
        assertThat(cards.redeemed().amount().amount()).isEqualTo(rows(
                "SELECT sum(amount_minor) FROM gift_card_redemptions WHERE mode = 'OFFLINE' AND state <> 'VOIDED'"));
        assertThat(cards.busiestCard()).isEqualTo(gbp(5000));
        assertThat(cards.cardsAtCap()).as("card 1 spent the whole per-card cap").isOne();
        assertThat(cards.perCardCap()).isEqualTo(policy.perCardDailyOffline());
        assertThat(cards.storeCap()).isEqualTo(policy.storeDailyOffline());
        assertThat(cards.storeCapUsedPercent()).isEqualTo(Math.round(100.0 * 6500 / policy.storeDailyOffline().amount()));

        assertThat(work.loyaltyReceipts()).isEqualTo(new DayReport.LoyaltyReceipts(2, 2));
        assertThat(work.loyaltyReceipts().queued()).isEqualTo(rows(
                "SELECT count(*) FROM outbox_events WHERE capability = 'LOYALTY' AND state <> 'ACKNOWLEDGED'"));

        assertThat(backlog(report, Capability.ORDERS).events()).as("acknowledged at 15:10").isZero();
        assertThat(backlog(report, Capability.ORDERS).oldestAge()).isEmpty();
        DayReport.Backlog refunds = backlog(report, Capability.REFUNDS);
        assertThat(refunds.events()).isEqualTo(rows(
                "SELECT count(*) FROM outbox_events WHERE capability = 'REFUNDS' AND state <> 'ACKNOWLEDGED'"));
        assertThat(refunds.oldestAge()).contains(Duration.between(at(8, 30), at(17, 0)));

        assertThat(report.exceptions().opened()).containsEntry(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION, 1L)
                .containsEntry(ExceptionKind.REFUND_DECLINED, 1L).containsEntry(ExceptionKind.GIFT_CARD_OVERDRAWN, 0L);
        assertThat(report.exceptions().resolved()).isOne();
        assertThat(report.exceptions().stillOpen()).isEqualTo(2).as("one from yesterday, one from today");
        assertThat(report.signOff()).isEmpty();
    }

    @Test
    void yesterdayIsAWholeDayAndTodaysWorkIsNotInIt() {
        workTheDay();

        DayReport yesterday = reports.report(DAY.minusDays(1));

        assertThat(yesterday.to()).isEqualTo(MIDNIGHT);
        assertThat(yesterday.offline().handOvers()).isEqualTo(new DayReport.HandOvers(0, 0));
        assertThat(yesterday.offline().refundsOwedFromToday()).isEqualTo(tally(1, 1_000));
        assertThat(yesterday.offline().refundsOwed()).as("what is owed is as of now").isEqualTo(tally(2, 10_000));
        assertThat(timeIn(yesterday, Capability.PAYMENTS).get(CapabilityState.ISOLATED)).isEqualTo(Duration.ofHours(2));
        assertThat(yesterday.exceptions().openedTotal()).isOne();
    }

    @Test
    void aDayNotYetBegunHasNoReportAndCannotBeSigned() {
        assertThatThrownBy(() -> reports.report(DAY.plusDays(1))).isInstanceOf(DayReports.FutureDayException.class)
                .hasMessageContaining("has not begun yet");
        assertThat(reports.signOffs().signOff(DAY.plusDays(1), "S2001", "closing"))
                .isInstanceOf(DaySignOffs.Outcome.NotYetBegun.class);
    }

    @Test
    void aDayIsSignedOffOnceAuditedAndTheSecondSupervisorIsToldWhoDidIt() {
        clock.advance(Duration.ofHours(20));

        DaySignOffs.Outcome first = reports.signOffs().signOff(DAY, "S2001", "  Offline refunds checked with the till.  ");
        clock.advance(Duration.ofMinutes(5));
        DaySignOffs.Outcome second = reports.signOffs().signOff(DAY, "S2002", "closing");

        DaySignOff signed = ((DaySignOffs.Outcome.Signed) first).signOff();
        assertThat(signed.note()).isEqualTo("Offline refunds checked with the till.");
        assertThat(second).isEqualTo(new DaySignOffs.Outcome.AlreadySigned(signed));
        assertThat(reports.report(DAY).signOff()).contains(signed);
        assertThat(rows("SELECT count(*) FROM audit_log WHERE action = '" + DaySignOffs.AUDIT_ACTION
                + "' AND actor = 'S2001' AND subject = '" + DAY + "'")).isOne();
        assertThat(new AuditLog(database).verify()).isInstanceOf(AuditLog.Verification.Intact.class);
    }

    /**
     * The day: PAYMENTS isolated the evening before; an exception and a refund owed from yesterday;
     * online work in the morning, a short LOYALTY outage, then ORDERS, REFUNDS and GIFT_CARDS isolated
     * from 10:00 with offline work, ORDERS restored at 15:00, its backlog acknowledged at 15:10 and online at 15:20; the report at 17:00.
     */
    private void workTheDay() {
        saveOrders("CC-100001", "CC-100002");
        board.isolate(List.of(Capability.PAYMENTS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
        database.inTransaction("yesterday's leftovers", connection -> {
            ManagerExceptions.raise(connection, ExceptionKind.GIFT_CARD_OVERDRAWN, "GC-1", "overdrawn", clock.instant());
            connection.createStatement().executeUpdate("""
                    INSERT INTO returns (return_id, purchase_id, purchase_kind, channel, actor, returned_at, refund_method,
                      amount_minor, currency, offline, customer_key)
                    VALUES ('R-Y', 'P-Y', 'NO_RECEIPT', 'DESK', 'S1001', '%s', 'DEFERRED_TO_ORIGINAL_TENDER', 1000, 'GBP', 1, 'k')"""
                    .formatted(stored(clock.instant())));
            connection.createStatement().executeUpdate("""
                    INSERT INTO refunds (refund_id, return_id, amount_minor, currency, tender_reference, state, created_at)
                    VALUES ('RF-Y', 'R-Y', 1000, 'GBP', 'VISA ****1234', 'DUE', '%s')""".formatted(stored(clock.instant())));
            return null;
        });
        loadCard(card(18), 10_000);
        loadCard(card(26), 5_000);

        clockAt(8, 0);
        collected(collect("CC-100001"));
        ReceiptPosting posting = new ReceiptPosting(database, outbox);
        posting.post(sale(1, Tender.Kind.CARD, 2, 2950, Optional.of("L-1")));
        posting.post(sale(2, Tender.Kind.CASH, 1, 900, Optional.empty()));
        posting.post(sale(3, Tender.Kind.CARD, 1, 9_000, Optional.of("L-2")));
        clockAt(8, 30);
        made(returnOf(1, RefundMethod.ORIGINAL_TENDER));

        clockAt(9, 0);
        board.centralObserved(Capability.LOYALTY, false, "central loyalty timed out");
        clockAt(9, 45);
        board.centralObserved(Capability.LOYALTY, true, "central loyalty answered");

        clockAt(10, 0);
        board.isolate(List.of(Capability.ORDERS, Capability.REFUNDS, Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT,
                "regional-it", "intruder on the network");
        centralOrders.set(new CentralOrders.Answer.Unavailable("isolated"));
        clockAt(10, 30);
        collected(collect("CC-100002"));
        clockAt(11, 0);
        made(returnOf(1, RefundMethod.STORE_CREDIT));
        clockAt(11, 30);
        made(returnOf(3, RefundMethod.DEFERRED_TO_ORIGINAL_TENDER));
        clockAt(12, 0);
        redeemed(card(18), 2000);
        redeemed(card(18), 3000);
        redeemed(card(26), 1500);
        clockAt(13, 0);
        database.inTransaction("raise", connection -> {
            ManagerExceptions.raise(connection, ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION, "CC-100002",
                    "cancelled after collection", clock.instant());
            ManagerExceptions.raise(connection, ExceptionKind.REFUND_DECLINED, "RF-1", "declined", clock.instant());
            return null;
        });
        clockAt(14, 0);
        ManagerException cancelled = exceptions.open(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION).getFirst();
        assertThat(exceptions.resolve(cancelled.exceptionId(), "S2001", "customer called")).isPresent();

        clockAt(15, 0);
        board.restore(List.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "regional-it", "orders restored");
        clockAt(15, 10);
        outbox.acknowledge(outbox.unacknowledgedKeys(Capability.ORDERS, 100), clock.instant());
        clockAt(15, 20);
        board.backlogObserved(Capability.ORDERS, rows(
                "SELECT count(*) FROM outbox_events WHERE capability = 'ORDERS' AND state <> 'ACKNOWLEDGED'"), true);
        clockAt(17, 0);
    }

    private void clockAt(int hour, int minute) {
        Instant target = at(hour, minute);
        assertThat(target).isAfterOrEqualTo(clock.instant());
        clock.advance(Duration.between(clock.instant(), target));
    }

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(TestClocks.ZONE).toInstant();
    }

    private void saveOrders(String... ids) {
        for (String id : ids) {
            new SqliteOrderRepository(database).saveAll(List.of(new Order(new OrderId(id),
                    new Customer("Jane Smith", "LS1 4AP", "j***@e***.com"),
                    List.of(new OrderLine(1, "5000111", "Linen shirt, blue, M", 1, 0, gbp(2950))),
                    List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A3"))),
                    DAY.plusDays(7), OrderStatus.READY, CODES.hash("123456"), clock.instant(), 1)));
        }
    }

    private CollectOutcome collect(String order) {
        return collections.collect(new CollectCommand(new OrderId(order), List.of(new LineQuantity(1, 1)),
                Verification.COLLECTION_CODE, "S1001", Optional.empty(), "collect-" + order));
    }

    private static void collected(CollectOutcome outcome) {
        assertThat(outcome).isInstanceOf(CollectOutcome.Collected.class);
    }

    private Receipt sale(int number, Tender.Kind kind, int quantity, long price, Optional<String> loyalty) {
        Money total = gbp(price * quantity);
        return new Receipt(receipt(number), "01", clock.instant(),
                List.of(new ReceiptLine(1, "5001001", "Linen shirt, blue, M", quantity, gbp(price), "CLOTHING")),
                List.of(new Tender(kind, total, kind == Tender.Kind.CASH ? "cash" : "VISA ****1234")), loyalty);
    }

    private static ReceiptId receipt(int number) {
        return new ReceiptId("0421-01-" + DAY.toString().replace("-", "") + "-%04d".formatted(number));
    }

    private ReturnCommand returnOf(int receipt, RefundMethod method) {
        return new ReturnCommand(new PurchaseRef.ByReceipt(receipt(receipt)), Channel.KIOSK, "kiosk-1", false,
                Optional.empty(), List.of(new ReturnLineRequest(1, 1, "changed-mind", Map.of("unused", true))),
                method, "return-" + keys++);
    }

    private void made(ReturnCommand command) {
        assertThat(returns.make(command)).isInstanceOf(ReturnOutcome.Made.class);
    }

    private void loadCard(CardNumber card, long pence) {
        new SqliteGiftCardBalances(database).putAll(List.of(new GiftCardBalance(CARDS.fingerprint(card),
                card.lastFour(), gbp(pence), clock.instant())));
    }

    private void redeemed(CardNumber card, long pence) {
        assertThat(giftCards.redeem(new RedeemCommand(card, Optional.empty(), gbp(pence), true, "S1001",
                "redeem-" + keys++))).isInstanceOf(RedemptionOutcome.Done.class);
    }

    private static CardNumber card(int n) {
        String body = "628039" + "%012d".formatted(n);
        return new CardNumber(body + Luhn.checkDigit(body));
    }

    private long rows(String sql) {
        return database.readLong("count the rows behind the report", sql);
    }

    private static Map<CapabilityState, Duration> timeIn(DayReport report, Capability capability) {
        return report.time().stream().filter(t -> t.capability() == capability).findFirst().orElseThrow().totals();
    }

    private static DayReport.ReturnsByMethod byMethod(DayReport report, RefundMethod method) {
        return report.offline().returns().stream().filter(r -> r.method() == method).findFirst().orElseThrow();
    }

    private static DayReport.Backlog backlog(DayReport report, Capability capability) {
        return report.backlog().stream().filter(b -> b.capability() == capability).findFirst().orElseThrow();
    }

    private static DayReport.Tally tally(long count, long pence) {
        return new DayReport.Tally(count, gbp(pence));
    }

    private static Money gbp(long pence) {
        return Money.of(pence, "GBP");
    }

    private static String stored(Instant instant) {
        return io.holdfast.store.Timestamps.format(instant);
    }

    /** Central's refunds, always paying (a refund id pays once), and no orders to look up. */
    private static final class CentralAlwaysPays implements CentralRefunds, CentralPurchases {
        @Override
        public Answer pay(Instruction instruction) {
            return new Answer.Paid("CR-" + instruction.refundId());
        }

        @Override
        public Lookup order(OrderId id) {
            return new Lookup.Unavailable("no central orders in this test");
        }
    }

    /** Gift cards are isolated whenever the test redeems, so central is never asked. */
    private static final class NoCentralGiftCards implements io.holdfast.giftcard.CentralGiftCards {
        @Override
        public BalanceAnswer balance(CardNumber card, Optional<io.holdfast.giftcard.CardPin> pin) {
            throw new AssertionError("an isolated store must not ask central");
        }

        @Override
        public AuthorisationAnswer authorise(Authorisation authorisation) {
            throw new AssertionError("an isolated store must not ask central");
        }
    }
}
