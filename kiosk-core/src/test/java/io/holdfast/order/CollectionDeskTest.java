package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.store.StoreException;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

class CollectionDeskTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final AtomicReference<CentralOrders.Answer> central =
            new AtomicReference<>(new CentralOrders.Answer.Collectable());
    private Database database;
    private Outbox outbox;
    private CollectionDesk desk;
    private SqliteOrderRepository orders;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        orders = new SqliteOrderRepository(database);
        desk = new CollectionDesk(database, outbox, id -> central.get(),
                new OrderExpiry(database, outbox, clock, TestClocks.ZONE), clock);
        orders.saveAll(List.of(OrderFixtures.anOrder("CC-100001")));
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void anOrderPastItsPickupByDateIsRefusedAtHandOverEvenWhenCentralSaysCollectable() {
        clock.advance(Duration.ofDays(8));

        CollectOutcome.Refused refused = refused(desk.collect(command("k1", new LineQuantity(1, 1))));

        assertThat(refused.reason()).isEqualTo(Refusal.ORDER_NOT_COLLECTABLE);
        assertThat(refused.message()).contains("past its pickup-by date");
        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(o.unitsCollected()).isZero();
        });
        assertThat(outbox.eventsFor("CC-100001")).extracting(OutboxEvent::type).containsExactly("OrderExpired");
    }

    @Test
    void handsOverPartOfAnOrderThenTheRest() {
        CollectOutcome first = desk.collect(command("k1", new LineQuantity(1, 1)));

        Order partly = collected(first).order();
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTLY_COLLECTED);
        assertThat(partly.line(1).orElseThrow().quantityCollected()).isEqualTo(1);
        assertThat(partly.version()).isEqualTo(2);

        CollectOutcome rest = desk.collect(command("k2", new LineQuantity(1, 1), new LineQuantity(2, 1)));

        assertThat(collected(rest).order().status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.COLLECTED);
            assertThat(o.unitsWaiting()).isZero();
        });
        assertThat(desk.collectionsOf(new OrderId("CC-100001"))).hasSize(2);
    }

    @Test
    void eachCollectionIsWrittenWithItsOutboxEvent() {
        Collection collection = collected(desk.collect(command("k1", new LineQuantity(2, 1)))).collection();

        List<OutboxEvent> events = outbox.eventsFor("CC-100001");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.capability()).isEqualTo(Capability.ORDERS);
            assertThat(event.type()).isEqualTo("CollectionRecorded");
            assertThat(event.idempotencyKey()).isEqualTo(collection.collectionId());
            assertThat(event.payloadJson()).contains("\"offline\":false").contains("\"orderStatus\":\"PARTLY_COLLECTED\"");
        });
        assertThat(outbox.backlog()).containsEntry(Capability.ORDERS, 1L);
        assertThat(outbox.unacknowledgedKeys(Capability.ORDERS, 10)).containsExactly(collection.collectionId());

        assertThat(outbox.acknowledge(List.of(collection.collectionId()), clock.instant())).isEqualTo(1);
        assertThat(outbox.acknowledge(List.of(collection.collectionId()), clock.instant())).as("once is enough").isZero();
        assertThat(outbox.backlog()).containsEntry(Capability.ORDERS, 0L);
    }

    @Test
    void aCollectionIsNeverRecordedWithoutItsEvent() {
        database.inTransaction("break the outbox", c -> {
            try (var statement = c.createStatement()) {
                return statement.executeUpdate("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox_events "
                        + "BEGIN SELECT RAISE(ABORT, 'outbox is full'); END");
            }
        });

        assertThatThrownBy(() -> desk.collect(command("k1", new LineQuantity(1, 2))))
                .isInstanceOf(StoreException.class).hasMessageContaining("outbox is full");

        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(o -> {
            assertThat(o.unitsCollected()).isZero();
            assertThat(o.version()).isEqualTo(1);
        });
        assertThat(desk.collectionsOf(new OrderId("CC-100001"))).isEmpty();
    }

    @Test
    void theSameKeyReplaysTheFirstAnswerAndCollectsNothingMore() {
        CollectOutcome.Collected first = collected(desk.collect(command("same-key", new LineQuantity(1, 1))));

        CollectOutcome.Collected again = collected(desk.collect(command("same-key", new LineQuantity(1, 1))));

        assertThat(again.replayed()).isTrue();
        assertThat(again.collection()).isEqualTo(first.collection());
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(orders.find(new OrderId("CC-100001")).orElseThrow().unitsCollected()).isEqualTo(1);
        assertThat(outbox.eventsFor("CC-100001")).hasSize(1);
    }

    @Test
    void theSameKeyForADifferentCollectionIsRefused() {
        desk.collect(command("same-key", new LineQuantity(1, 1)));

        CollectOutcome other = desk.collect(command("same-key", new LineQuantity(2, 1)));

        assertThat(refused(other).reason()).isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void collectingMoreThanIsLeftIsRefusedWithTheOrderAsItIs() {
        desk.collect(command("k1", new LineQuantity(1, 2)));

        CollectOutcome.Refused refused = refused(desk.collect(command("k2", new LineQuantity(1, 1))));

        assertThat(refused.reason()).isEqualTo(Refusal.QUANTITY_EXCEEDS_REMAINING);
        assertThat(refused.message()).isEqualTo("Line 1 (Linen shirt, blue, M) has 0 left to hand over, not 1.");
        assertThat(refused.order()).hasValueSatisfying(o -> assertThat(o.version()).isEqualTo(2));
    }

    @Test
    void twoDesksCollectingTheSameOrderAtOnceOneWinsAndTheOtherSeesTheOrderAsItNowIs() throws Exception {
        List<CollectOutcome> outcomes = race(2, n -> new CollectCommand(new OrderId("CC-100001"),
                List.of(new LineQuantity(1, 2), new LineQuantity(2, 1)), Verification.COLLECTION_CODE, "S100" + n,
                Optional.of(1), "desk-" + n));

        assertThat(outcomes).filteredOn(CollectOutcome.Collected.class::isInstance).hasSize(1);
        CollectOutcome.Refused loser = outcomes.stream().filter(CollectOutcome.Refused.class::isInstance)
                .map(CollectOutcome.Refused.class::cast).findFirst().orElseThrow();
        assertThat(loser.reason()).isEqualTo(Refusal.ORDER_CHANGED);
        assertThat(loser.order()).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OrderStatus.COLLECTED));
        assertThat(outbox.eventsFor("CC-100001")).hasSize(1);
    }

    @Test
    void withoutAVersionTheSecondDeskIsStoppedByWhatIsLeft() throws Exception {
        List<CollectOutcome> outcomes = race(2, n -> new CollectCommand(new OrderId("CC-100001"),
                List.of(new LineQuantity(1, 2)), Verification.ID_SEEN, "S100" + n, Optional.empty(), "desk-" + n));

        assertThat(outcomes).filteredOn(CollectOutcome.Collected.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof CollectOutcome.Refused r
                && r.reason() == Refusal.QUANTITY_EXCEEDS_REMAINING).hasSize(1);
    }

    @Test
    void anOrderCentralCancelledIsNotHandedOverAndIsMarkedCancelledHere() {
        central.set(new CentralOrders.Answer.Cancelled("refunded to the customer's card"));

        CollectOutcome.Refused refused = refused(desk.collect(command("k1", new LineQuantity(1, 1))));

        assertThat(refused.reason()).isEqualTo(Refusal.CANCELLED_CENTRALLY);
        assertThat(refused.message()).contains("refunded to the customer's card");
        assertThat(orders.find(new OrderId("CC-100001")).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(outbox.eventsFor("CC-100001")).isEmpty();
    }

    @Test
    void whenCentralCannotAnswerTheDeskCollectsOfflineFromItsOwnCopy() {
        central.set(new CentralOrders.Answer.Unavailable("circuit open"));

        Collection collection = collected(desk.collect(command("k1", new LineQuantity(1, 1)))).collection();

        assertThat(collection.offline()).isTrue();
        assertThat(outbox.eventsFor("CC-100001").getFirst().payloadJson()).contains("\"offline\":true");
    }

    @Test
    void anUnknownOrAFinishedOrderIsRefused() {
        assertThat(refused(desk.collect(new CollectCommand(new OrderId("CC-999999"), List.of(new LineQuantity(1, 1)),
                Verification.ID_SEEN, "S1001", Optional.empty(), "k1"))).reason()).isEqualTo(Refusal.ORDER_NOT_FOUND);

        desk.collect(command("k2", new LineQuantity(1, 2), new LineQuantity(2, 1)));
        CollectOutcome.Refused done = refused(desk.collect(command("k3", new LineQuantity(1, 1))));
        assertThat(done.reason()).isEqualTo(Refusal.ORDER_NOT_COLLECTABLE);
        assertThat(done.message()).isEqualTo("Order CC-100001 is collected and cannot be handed over.");
        assertThat(refused(desk.collect(command("k4"))).reason()).isIn(Refusal.ORDER_NOT_COLLECTABLE);
    }

    @Test
    void anEmptyOrUnknownLineIsRefused() {
        assertThat(refused(desk.collect(command("k1"))).reason()).isEqualTo(Refusal.NOTHING_TO_COLLECT);
        assertThat(refused(desk.collect(command("k2", new LineQuantity(7, 1)))).reason())
                .isEqualTo(Refusal.LINE_NOT_FOUND);
    }

    @Test
    void unitsSetAsideWithAReasonStopWaitingAndTravelInTheEventAndSurviveAManifestRefresh() {
        CollectCommand handOverOneSetTwoAside = new CollectCommand(new OrderId("CC-100001"),
                List.of(new LineQuantity(1, 1)), List.of(new NotCollected(1, 1, NotCollectedReason.DAMAGED),
                new NotCollected(2, 1, NotCollectedReason.DECLINED)), IdentityCheck.of(Verification.COLLECTION_CODE),
                "S1001", Optional.empty(), "k1");

        Order after = collected(desk.collect(handOverOneSetTwoAside)).order();

        assertThat(after.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(after.unitsWaiting()).isZero();
        assertThat(after.line(1).orElseThrow().quantityNotCollected()).isEqualTo(1);
        assertThat(outbox.eventsFor("CC-100001")).singleElement().extracting(OutboxEvent::payloadJson).asString()
                .contains("\"notCollected\":[{\"lineNumber\":1,\"quantity\":1,\"reason\":\"DAMAGED\"},"
                        + "{\"lineNumber\":2,\"quantity\":1,\"reason\":\"DECLINED\"}]");
        assertThat(desk.collectionsOf(new OrderId("CC-100001"))).singleElement()
                .satisfies(collection -> assertThat(collection.notCollected()).hasSize(2));
        assertThat(collected(desk.collect(handOverOneSetTwoAside)).replayed()).as("the same key, the same answer").isTrue();

        new ManifestImport(database, clock, new OrderExpiry(database, outbox, clock, TestClocks.ZONE))
                .apply(List.of(OrderFixtures.anOrder("CC-100001")));
        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(order -> {
            assertThat(order.unitsWaiting()).as("central's manifest does not bring them back").isZero();
            assertThat(order.status()).isEqualTo(OrderStatus.COLLECTED);
        });
    }

    @Test
    void aCollectionRememberedBeforeIdentityChecksAndSetAsideUnitsStillReplays() {
        Collection old = io.holdfast.store.CoreJson.read("""
                {"collectionId": "COL-1", "orderId": {"value": "CC-100001"}, "lines": [{"lineNumber": 1, "quantity": 1}],
                 "verification": "ID_SEEN", "staffId": "S1001", "collectedAt": "2026-11-21T10:00:00Z", "offline": true}
                """, Collection.class);

        assertThat(old.identity()).isEqualTo(IdentityCheck.of(Verification.ID_SEEN));
        assertThat(old.notCollected()).isEmpty();
        assertThat(io.holdfast.store.CoreJson.read(io.holdfast.store.CoreJson.write(old), Collection.class))
                .as("and as written now").isEqualTo(old);
    }

    @Test
    void anOrderWhoseEveryUnitIsSetAsideIsClosedAsCancelledAndMoreThanWaitsIsRefused() {
        CollectOutcome.Refused tooMany = refused(desk.collect(new CollectCommand(new OrderId("CC-100001"),
                List.of(new LineQuantity(1, 1)), List.of(new NotCollected(1, 2, NotCollectedReason.MISSING)),
                IdentityCheck.of(Verification.ID_SEEN), "S1001", Optional.empty(), "k0")));
        assertThat(tooMany.reason()).isEqualTo(Refusal.QUANTITY_EXCEEDS_REMAINING);
        assertThat(tooMany.message()).contains("1 handed over and 2 not collected");

        Order after = collected(desk.collect(new CollectCommand(new OrderId("CC-100001"), List.of(),
                List.of(new NotCollected(1, 2, NotCollectedReason.MISSING), new NotCollected(2, 1, NotCollectedReason.MISSING)),
                IdentityCheck.of(Verification.ID_SEEN), "S1001", Optional.empty(), "k1"))).order();

        assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(after.unitsCollected()).isZero();
        assertThat(after.unitsWaiting()).isZero();
    }

    private static CollectCommand command(String key, LineQuantity... lines) {
        return new CollectCommand(new OrderId("CC-100001"), List.of(lines), Verification.COLLECTION_CODE, "S1001",
                Optional.empty(), key);
    }

    private List<CollectOutcome> race(int desks, java.util.function.IntFunction<CollectCommand> commands)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(desks)) {
            List<Future<CollectOutcome>> futures = new ArrayList<>();
            for (int n = 1; n <= desks; n++) {
                int desk = n;
                futures.add(pool.submit(() -> {
                    start.await();
                    return this.desk.collect(commands.apply(desk));
                }));
            }
            start.countDown();
            List<CollectOutcome> outcomes = new ArrayList<>();
            for (Future<CollectOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }

    private static CollectOutcome.Collected collected(CollectOutcome outcome) {
        assertThat(outcome).as(outcome.toString()).isInstanceOf(CollectOutcome.Collected.class);
        return (CollectOutcome.Collected) outcome;
    }

    private static CollectOutcome.Refused refused(CollectOutcome outcome) {
        assertThat(outcome).as(outcome.toString()).isInstanceOf(CollectOutcome.Refused.class);
        return (CollectOutcome.Refused) outcome;
    }
}
