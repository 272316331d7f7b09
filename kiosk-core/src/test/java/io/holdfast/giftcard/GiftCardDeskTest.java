package io.holdfast.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.budget.OfflineBudgets;
import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.money.Money;
import io.holdfast.outbox.CentralVerdict;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.outbox.OutboxFullException;
import io.holdfast.policy.StorePolicies;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;

/**
 * Offline redemptions over a real SQLite store, with GIFT_CARDS isolated so central is never asked:
 * serialised under concurrency, the store's daily cap across cards, a policy's floor for unknown
 * cards, and central's verdicts recorded once.
 */
class GiftCardDeskTest {

    private static final CardFingerprinter FINGERPRINTER =
            new CardFingerprinter("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final CentralGiftCards UNREACHABLE = new CentralGiftCards() {
        @Override
        public BalanceAnswer balance(CardNumber card, Optional<CardPin> pin) {
            throw new AssertionError("an isolated store must not ask central");
        }

        @Override
        public AuthorisationAnswer authorise(Authorisation authorisation) {
            throw new AssertionError("an isolated store must not ask central");
        }
    };

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private Database database;
    private StorePolicies policies;
    private ModeBoard board;
    private GiftCardDesk desk;
    private int keys;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        ModeBoard board = new ModeBoard(database, clock, Duration.ZERO);
        board.isolate(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
        policies = new StorePolicies(database, clock);
        this.board = board;
        desk = new GiftCardDesk(database, new Outbox(database), new GiftCardPolicies(policies), board,
                new OfflineBudgets(policies, board, database, clock), UNREACHABLE, FINGERPRINTER, clock,
                ZoneId.of("Europe/London"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void twelveTillsAtOnceCannotOverspendACardInThisStore() throws Exception {
        CardNumber card = card(1);
        load(card, 3000);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RedemptionOutcome>> answers = new ArrayList<>();
        try (ExecutorService tills = Executors.newFixedThreadPool(12)) {
            for (int till = 0; till < 12; till++) {
                answers.add(tills.submit(() -> {
                    go.await();
                    return desk.redeem(redeem(card, 1000));
                }));
            }
            go.countDown();
            int approved = 0;
            for (Future<RedemptionOutcome> answer : answers) {
                if (answer.get() instanceof RedemptionOutcome.Done) {
                    approved++;
                } else {
                    assertThat(((RedemptionOutcome.Declined) answer.get()).code()).isEqualTo("insufficient-balance");
                }
            }
            assertThat(approved).isEqualTo(3);
        }
        assertThat(desk.exposureToday().today()).isEqualTo(gbp(3000));
        assertThat(balance(card)).isEqualTo(gbp(0));
    }

    @Test
    void whenTheOutboxHasNoRoomCentralIsNeverAskedToTakeTheMoney() {
        try (Database online = Database.open(DatabaseSettings.of(folder.resolve("online.db")))) {
            ModeBoard board = new ModeBoard(online, clock, Duration.ZERO);
            Outbox full = new Outbox(online, 1024);
            online.inTransaction("fill the outbox", connection -> full.append(connection, new OutboxEvent("filler",
                    Capability.LOYALTY, "filler", "x", clock.instant(), "{\"pad\": \"" + "x".repeat(600) + "\"}")));
            StorePolicies onlinePolicies = new StorePolicies(online, clock);
            GiftCardDesk desk = new GiftCardDesk(online, full, new GiftCardPolicies(onlinePolicies),
                    board, new OfflineBudgets(onlinePolicies, board, online, clock), UNREACHABLE, FINGERPRINTER, clock, ZoneId.of("Europe/London"));

            assertThat(board.status(Capability.GIFT_CARDS).state()).isEqualTo(CapabilityState.ONLINE);
            assertThatThrownBy(() -> desk.redeem(redeem(card(1), 1000))).isInstanceOf(OutboxFullException.class);
        }
    }

    @Test
    void theStoresDailyCapCountsEveryCardAndANewDayStartsAfresh() {
        installPolicy(1, 8000, 0);
        for (int n = 1; n <= 3; n++) {
            load(card(n), 10_000);
        }
        assertThat(desk.redeem(redeem(card(1), 4000))).isInstanceOf(RedemptionOutcome.Done.class);
        assertThat(desk.redeem(redeem(card(2), 3500))).isInstanceOf(RedemptionOutcome.Done.class);
        RedemptionOutcome.Declined third = (RedemptionOutcome.Declined) desk.redeem(redeem(card(3), 1000));
        assertThat(third.code()).isEqualTo("over-store-daily-offline");
        assertThat(third.couldApprove()).isEqualTo(gbp(500));
        assertThat(desk.policy().version()).isEqualTo(1);

        clock.advance(Duration.ofDays(1));
        assertThat(desk.redeem(redeem(card(3), 1000))).isInstanceOf(RedemptionOutcome.Done.class);
    }

    @Test
    void aCardsOfflineSpendCountsUntilCentralsVerdictAndAnOverdrawnVerdictBlocksItOnce() {
        CardNumber card = card(4);
        load(card, 4000);
        RedemptionOutcome.Done done = (RedemptionOutcome.Done) desk.redeem(redeem(card, 3000));
        String key = GiftCardDesk.REDEEMED_KEY + done.redemption().redemptionId();
        CentralVerdict overdrawn = new CentralVerdict(key, GiftCardReconciliation.OVERDRAWN, """
                {"lastFour": "%s", "shortBy": {"amount": 2000, "currency": "GBP"},
                 "spends": [{"store": "0388", "amount": {"amount": 3000, "currency": "GBP"}, "at": "2026-11-21T09:00:00Z"},
                            {"store": "0421", "amount": {"amount": 3000, "currency": "GBP"}, "at": "2026-11-21T10:00:00Z"}]}"""
                .formatted(card.lastFour()));
        GiftCardReconciliation reconciliation = new GiftCardReconciliation(database, clock);
        reconciliation.settle(List.of(overdrawn, new CentralVerdict("other-key", "accepted", "{}")));
        reconciliation.settle(List.of(overdrawn));

        List<io.holdfast.exceptions.ManagerException> raised = new ManagerExceptions(database, new Outbox(database), clock).list();
        assertThat(raised).singleElement().satisfies(exception -> {
            assertThat(exception.kind()).isEqualTo(ExceptionKind.GIFT_CARD_OVERDRAWN);
            assertThat(exception.detail()).contains("ending " + card.lastFour()).contains("by £20.00")
                    .contains("store 0388 £30.00, store 0421 £30.00");
        });
        RedemptionOutcome.Declined blocked = (RedemptionOutcome.Declined) desk.redeem(redeem(card, 500));
        assertThat(blocked.code()).isEqualTo("card-blocked");
        BalanceOutcome.Known known = (BalanceOutcome.Known) desk.checkBalance(card, Optional.empty());
        assertThat(known.blocked()).isTrue();
    }

    @Test
    void anUnknownCardMaySpendUpToThePolicysFloor() {
        installPolicy(2, 200_000, 1000);
        assertThat(desk.redeem(redeem(card(9), 800))).isInstanceOf(RedemptionOutcome.Done.class);
        RedemptionOutcome.Declined over = (RedemptionOutcome.Declined) desk.redeem(redeem(card(9), 800));
        assertThat(over.code()).isEqualTo("card-unknown-offline");
    }

    /** Regional IT pushes a policy whose gift-card section has this store cap and unknown-card floor. */
    private void installPolicy(long version, long storeCap, long unknownFloor) {
        policies.install(version, """
                {"giftCards": {"perCardDailyOffline": {"amount": 5000, "currency": "GBP"},
                  "storeDailyOffline": {"amount": %d, "currency": "GBP"},
                  "unknownCardFloor": {"amount": %d, "currency": "GBP"},
                  "maximumRedemption": {"amount": 100000, "currency": "GBP"}, "pinAttempts": 3, "pinLockMinutes": 30}}"""
                .formatted(storeCap, unknownFloor), "regional-it");
    }

    /**
     * Gift cards offline for their whole 72-hour budget (the bundled policy), on a stepping clock: full
     * limits at first, halved from 36 hours with the reason in words, nothing from 72 hours, and a new
     * offline period after a restoration starts a new budget.
     */
    @Test
    void anOfflineBudgetTightensTheLimitsAsItRunsDownAndStopsRedemptionsWhenSpent() {
        CardNumber card = card(9);
        load(card, 20_000);
        clock.advance(Duration.ofHours(1));
        assertThat(desk.redeem(redeem(card, 4000))).isInstanceOf(RedemptionOutcome.Done.class);

        clock.advance(Duration.ofHours(35));
        RedemptionOutcome overHalved = desk.redeem(redeem(card, 3000));
        assertThat(overHalved).isInstanceOfSatisfying(RedemptionOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo("over-card-daily-offline");
            assertThat(declined.message()).contains("£25.00", "36 hours of the 72 hours", "cut to 50%");
            assertThat(declined.couldApprove()).isEqualTo(gbp(2500));
        });
        assertThat(desk.redeem(redeem(card, 2500))).isInstanceOf(RedemptionOutcome.Done.class);

        clock.advance(Duration.ofHours(36));
        RedemptionOutcome spent = desk.redeem(redeem(card, 100));
        assertThat(spent).isInstanceOfSatisfying(RedemptionOutcome.Declined.class, declined -> {
            assertThat(declined.code()).isEqualTo(GiftCardDesk.OFFLINE_BUDGET_SPENT);
            assertThat(declined.message()).contains("72 hours of the 72 hours", "cannot be done in store");
            assertThat(declined.couldApprove()).isEqualTo(gbp(0));
        });
        assertThat(balance(card)).as("only what was approved was taken").isEqualTo(gbp(20_000 - 4000 - 2500));

        board.restore(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it", "restored");
        board.backlogObserved(Capability.GIFT_CARDS, 0, true);
        clock.advance(Duration.ofHours(2));
        board.isolate(List.of(Capability.GIFT_CARDS), IsolationSource.REGIONAL_IT, "regional-it", "again");
        clock.advance(Duration.ofHours(1));
        assertThat(desk.redeem(redeem(card, 4000))).as("a new offline period has its whole budget")
                .isInstanceOf(RedemptionOutcome.Done.class);
    }

    private void load(CardNumber card, long pence) {
        new SqliteGiftCardBalances(database).putAll(List.of(new GiftCardBalance(FINGERPRINTER.fingerprint(card),
                card.lastFour(), gbp(pence), clock.instant().minusSeconds(3600))));
    }

    private Money balance(CardNumber card) {
        return ((BalanceOutcome.Known) desk.checkBalance(card, Optional.empty())).balance();
    }

    private RedeemCommand redeem(CardNumber card, long pence) {
        return new RedeemCommand(card, Optional.empty(), gbp(pence), true, "S1001", "key-" + (++keys));
    }

    private static CardNumber card(int n) {
        String body = "628039" + "%012d".formatted(n);
        return new CardNumber(body + Luhn.checkDigit(body));
    }

    private static Money gbp(long pence) {
        return Money.of(pence, "GBP");
    }
}
