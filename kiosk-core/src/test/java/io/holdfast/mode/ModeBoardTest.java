package io.holdfast.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;

class ModeBoardTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final List<Transition> told = new CopyOnWriteArrayList<>();
    private Database database;
    private ModeBoard board;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        board = newBoard();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyCapabilityStartsOnlineAndTheStoreIsNormal() {
        assertThat(board.all()).extracting(CapabilityStatus::state).containsOnly(CapabilityState.ONLINE);
        assertThat(board.storeMode()).isEqualTo(StoreMode.NORMAL);
    }

    @Test
    void anIsolationRacingABreakerOpeningWinsEveryTimeInMemoryOnDiskAndAfterARestart() throws Exception {
        ModeBoard racing = new ModeBoard(database, clock, Duration.ZERO);
        List<CapabilityState> toldLast = new CopyOnWriteArrayList<>();
        racing.addListener(t -> toldLast.add(t.to()));
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 1_000; round++) {
                Future<?> breaker = both.submit(() -> {
                    start.await();
                    return racing.centralObserved(Capability.PAYMENTS, false, "breaker opened");
                });
                Future<?> regional = both.submit(() -> {
                    start.await();
                    return racing.isolate(List.of(Capability.PAYMENTS), IsolationSource.REGIONAL_IT, "regional-it",
                            "incident");
                });
                breaker.get();
                regional.get();

                assertThat(racing.status(Capability.PAYMENTS).state()).as("round " + round)
                        .isEqualTo(CapabilityState.ISOLATED);
                assertThat(storedState(Capability.PAYMENTS)).as("round " + round).isEqualTo("ISOLATED");
                assertThat(toldLast.getLast()).as("the listeners heard ISOLATED last, round " + round)
                        .isEqualTo(CapabilityState.ISOLATED);
                if (round < 999) {
                    racing.restore(List.of(Capability.PAYMENTS), IsolationSource.REGIONAL_IT, "regional-it", "over");
                    racing.backlogObserved(Capability.PAYMENTS, 0, true);
                    assertThat(racing.status(Capability.PAYMENTS).state()).isEqualTo(CapabilityState.ONLINE);
                }
            }
        }

        assertThat(new ModeBoard(database, clock, Duration.ZERO).status(Capability.PAYMENTS).state())
                .as("after a restart").isEqualTo(CapabilityState.ISOLATED);
    }

    private String storedState(Capability capability) {
        return database.read("read a stored state", connection -> {
            try (var select = connection.prepareStatement("SELECT state FROM capability_states WHERE capability = ?")) {
                select.setString(1, capability.name());
                try (var row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }

    @Test
    void aFailureDegradesAtOnceAndOnlyThatCapability() {
        board.centralObserved(Capability.ORDERS, false, "central did not answer within 800 ms");

        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.DEGRADED);
        assertThat(board.status(Capability.ORDERS).reason()).isEqualTo("central did not answer within 800 ms");
        assertThat(board.status(Capability.REFUNDS).state()).isEqualTo(CapabilityState.ONLINE);
        assertThat(board.storeMode()).isEqualTo(StoreMode.DEGRADED);
        assertThat(told).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(CapabilityState.ONLINE);
            assertThat(t.to()).isEqualTo(CapabilityState.DEGRADED);
            assertThat(t.actor()).isEqualTo("gateway");
        });
    }

    @Test
    void comingBackNeedsCentralToAnswerSteadilyForTheMinimumHold() {
        board.centralObserved(Capability.ORDERS, false, "down");
        clock.advance(Duration.ofSeconds(10));

        assertThat(board.centralObserved(Capability.ORDERS, true, "answered"))
                .isInstanceOf(BoardDecision.Unchanged.class);
        clock.advance(Duration.ofSeconds(20));
        assertThat(board.centralObserved(Capability.ORDERS, true, "answered"))
                .isInstanceOf(BoardDecision.Changed.class);
        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.ONLINE);
    }

    @Test
    void aFlappingServiceStaysDegradedInsteadOfThrashing() {
        for (int second = 0; second < 120; second += 3) {
            board.centralObserved(Capability.GIFT_CARDS, second % 6 != 0, "flap");
            clock.advance(Duration.ofSeconds(3));
        }

        assertThat(told).as("two minutes of up-and-down every 3 s").hasSize(1);
        assertThat(board.status(Capability.GIFT_CARDS).state()).isEqualTo(CapabilityState.DEGRADED);
    }

    @Test
    void aSingleFailedCallRestartsRecoveryWithoutMovingAnything() {
        board.centralObserved(Capability.ORDERS, false, "breaker opened");
        clock.advance(Duration.ofSeconds(25));
        board.centralCallFailed(Capability.ORDERS);
        clock.advance(Duration.ofSeconds(25));

        assertThat(board.centralObserved(Capability.ORDERS, true, "answered")).isInstanceOf(BoardDecision.Unchanged.class);
        clock.advance(Duration.ofSeconds(5));
        assertThat(board.centralObserved(Capability.ORDERS, true, "answered")).isInstanceOf(BoardDecision.Changed.class);
        board.centralCallFailed(Capability.ORDERS);
        assertThat(board.status(Capability.ORDERS).state()).as("one failure does not degrade").isEqualTo(CapabilityState.ONLINE);
    }

    @Test
    void anIsolatedCapabilityIgnoresWhatCentralDoesAndSaysWhoIsolatedIt() {
        board.isolate(Set.of(Capability.PAYMENTS), IsolationSource.REGIONAL_IT, "regional-it", "card data at risk");

        assertThat(board.centralObserved(Capability.PAYMENTS, true, "answered")).isInstanceOf(BoardDecision.Unchanged.class);
        assertThat(board.status(Capability.PAYMENTS).state()).isEqualTo(CapabilityState.ISOLATED);
        assertThat(board.status(Capability.PAYMENTS).isolatedBy()).contains(IsolationSource.REGIONAL_IT);
        assertThat(board.storeMode()).isEqualTo(StoreMode.ISOLATED);
        assertThat(board.isIsolated(Capability.PAYMENTS)).isTrue();
    }

    @Test
    void theManagerMayLiftOnlyWhatTheManagerSet() {
        board.isolate(Set.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
        board.isolate(Set.of(Capability.LOYALTY), IsolationSource.STORE_MANAGER, "S2001", "till problem");

        assertThat(board.restore(Set.of(Capability.REFUNDS), IsolationSource.STORE_MANAGER, "S2001", "try again"))
                .isEqualTo(new BoardDecision.Refused("REFUNDS was isolated by regional IT; only regional IT can restore it."));
        assertThat(board.restore(Set.of(Capability.LOYALTY), IsolationSource.STORE_MANAGER, "S2001", "fixed"))
                .isInstanceOf(BoardDecision.Changed.class);
        assertThat(board.restore(Set.of(Capability.REFUNDS), IsolationSource.REGIONAL_IT, "regional-it", "phase 2"))
                .isInstanceOf(BoardDecision.Changed.class);
    }

    @Test
    void regionalItTakesOverAnIsolationTheManagerSet() {
        board.isolate(Set.of(Capability.ORDERS), IsolationSource.STORE_MANAGER, "S2001", "kill switch");
        board.isolate(Set.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "regional-it", "every store");

        assertThat(board.status(Capability.ORDERS).isolatedBy()).contains(IsolationSource.REGIONAL_IT);
        assertThat(board.restore(Set.of(Capability.ORDERS), IsolationSource.STORE_MANAGER, "S2001", "lift"))
                .isInstanceOf(BoardDecision.Refused.class);
    }

    @Test
    void restorationWaitsForTheBacklogAndForCentral() {
        board.isolate(Set.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "regional-it", "incident");
        board.restore(Set.of(Capability.ORDERS), IsolationSource.REGIONAL_IT, "regional-it", "orders first");

        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.RESTORING);
        assertThat(board.backlogObserved(Capability.ORDERS, 12, true))
                .isEqualTo(new BoardDecision.Unchanged("12 events still to be acknowledged by central"));
        assertThat(board.backlogObserved(Capability.ORDERS, 0, false))
                .isEqualTo(new BoardDecision.Unchanged("central is not answering yet"));
        assertThat(board.backlogObserved(Capability.ORDERS, 0, true)).isInstanceOf(BoardDecision.Changed.class);
        assertThat(board.status(Capability.ORDERS).state()).isEqualTo(CapabilityState.ONLINE);
        assertThat(told).extracting(Transition::to).containsExactly(CapabilityState.ISOLATED,
                CapabilityState.RESTORING, CapabilityState.ONLINE);
    }

    @Test
    void anIsolationSurvivesARestartAndEveryTransitionIsAudited() {
        board.isolate(Set.of(Capability.values()), IsolationSource.REGIONAL_IT, "regional-it", "isolate every store");
        board.centralObserved(Capability.ORDERS, false, "ignored while isolated");

        ModeBoard afterRestart = newBoard();

        assertThat(afterRestart.all()).extracting(CapabilityStatus::state).containsOnly(CapabilityState.ISOLATED);
        assertThat(new AuditLog(database).latest(10)).hasSize(5)
                .allSatisfy(entry -> assertThat(entry.action()).isEqualTo("capability.isolated"));
        assertThat(new AuditLog(database).verify()).isEqualTo(new AuditLog.Verification.Intact(5));
    }

    @Test
    void noticesHaveDefaultsThatRegionalItCanReplace() {
        Notices notices = new Notices(database, clock);

        assertThat(notices.text(Capability.REFUNDS, CapabilityState.ISOLATED, Audience.CUSTOMER))
                .isEqualTo("Refunds today are given as store credit, or completed to your card once our systems are back.");
        notices.replace(Capability.REFUNDS, CapabilityState.ISOLATED, Audience.CUSTOMER,
                "Refunds: store credit today, or to your card later. Ask us.", "regional-it");
        assertThat(notices.text(Capability.REFUNDS, CapabilityState.ISOLATED, Audience.CUSTOMER))
                .isEqualTo("Refunds: store credit today, or to your card later. Ask us.");
        assertThat(notices.text(Capability.REFUNDS, CapabilityState.DEGRADED, Audience.CUSTOMER))
                .as("other states keep their words").startsWith("Refunds today are given as store credit");
    }

    private ModeBoard newBoard() {
        ModeBoard created = new ModeBoard(database, clock, ModeBoard.DEFAULT_MINIMUM_HOLD);
        created.addListener(told::add);
        return created;
    }
}
