package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.outbox.Outbox;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

class ManifestImportTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T10:00:00Z"));
    private Database database;
    private ManifestImport manifest;
    private SqliteOrderRepository orders;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        manifest = new ManifestImport(database, clock,
                new OrderExpiry(database, new Outbox(database), clock, TestClocks.ZONE));
        orders = new SqliteOrderRepository(database);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void anOrderThatArrivesPastItsPickupByDateLandsExpiredAndOnTheReturnToSenderList() {
        Order late = OrderFixtures.anOrder("CC-100009");
        Order overdue = new Order(late.id(), late.customer(), late.lines(), late.parcels(),
                LocalDate.ofInstant(clock.instant(), TestClocks.ZONE).minusDays(1), OrderStatus.READY,
                late.collectionCodeHash(), late.updatedAt(), 1);

        assertThat(manifest.apply(List.of(overdue, OrderFixtures.anOrder("CC-100001"))))
                .isEqualTo(new ManifestImport.Report(2, 0, 0, 0, 1));

        assertThat(orders.find(new OrderId("CC-100009"))).hasValueSatisfying(o ->
                assertThat(o.status()).isEqualTo(OrderStatus.EXPIRED));
        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(o ->
                assertThat(o.status()).isEqualTo(OrderStatus.READY));
        assertThat(new Outbox(database).eventsFor("CC-100009")).extracting(e -> e.type()).containsExactly("OrderExpired");
    }

    @Test
    void newOrdersAreAddedAndTheSameManifestTwiceChangesNothing() {
        List<Order> central = List.of(OrderFixtures.anOrder("CC-100001"), OrderFixtures.anOrder("CC-100002"));

        assertThat(manifest.apply(central)).isEqualTo(new ManifestImport.Report(2, 0, 0, 0, 0));
        assertThat(manifest.apply(central)).isEqualTo(new ManifestImport.Report(0, 0, 2, 0, 0));
        assertThat(orders.count()).isEqualTo(2);
    }

    @Test
    void whatWasCollectedHereSurvivesAManifestThatDoesNotKnowItYet() {
        manifest.apply(List.of(OrderFixtures.anOrder("CC-100001")));
        collect(new LineQuantity(1, 1));

        manifest.apply(List.of(OrderFixtures.anOrder("CC-100001")));

        assertThat(orders.find(new OrderId("CC-100001"))).hasValueSatisfying(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PARTLY_COLLECTED);
            assertThat(o.line(1).orElseThrow().quantityCollected()).isEqualTo(1);
        });
    }

    @Test
    void anUntouchedOrderThatCentralCancelledIsCancelledHere() {
        manifest.apply(List.of(OrderFixtures.anOrder("CC-100001")));

        manifest.apply(List.of(cancelled(OrderFixtures.anOrder("CC-100001"))));

        assertThat(orders.find(new OrderId("CC-100001")).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(new ManagerExceptions(database, new Outbox(database), clock).list()).isEmpty();
    }

    @Test
    void anOrderCancelledCentrallyAfterItWasHandedOverHereGoesToTheManager() {
        manifest.apply(List.of(OrderFixtures.anOrder("CC-100001")));
        collect(new LineQuantity(1, 2), new LineQuantity(2, 1));

        ManifestImport.Report report = manifest.apply(List.of(cancelled(OrderFixtures.anOrder("CC-100001"))));

        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(orders.find(new OrderId("CC-100001")).orElseThrow().status())
                .as("the goods left the store; that stays true").isEqualTo(OrderStatus.COLLECTED);
        assertThat(new ManagerExceptions(database, new Outbox(database), clock).list()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ExceptionKind.ORDER_CANCELLED_AFTER_COLLECTION);
            assertThat(e.aggregateId()).isEqualTo("CC-100001");
            assertThat(e.detail()).contains("handed over 3 of its items");
            assertThat(e.resolution()).isEmpty();
        });
    }

    @Test
    void theManagerResolvesAnExceptionOnce() {
        manifest.apply(List.of(OrderFixtures.anOrder("CC-100001")));
        collect(new LineQuantity(1, 1));
        manifest.apply(List.of(cancelled(OrderFixtures.anOrder("CC-100001"))));
        ManagerExceptions exceptions = new ManagerExceptions(database, new Outbox(database), clock);
        String id = exceptions.list().getFirst().exceptionId();

        assertThat(exceptions.resolve(id, "S2001", "customer keeps the shirt; head office told"))
                .hasValueSatisfying(e -> assertThat(e.resolution()).hasValueSatisfying(r ->
                        assertThat(r.staffId()).isEqualTo("S2001")));
        assertThat(exceptions.resolve(id, "S2001", "again")).isEmpty();
    }

    private void collect(LineQuantity... lines) {
        CollectionDesk desk = new CollectionDesk(database, new Outbox(database),
                id -> new CentralOrders.Answer.Unavailable("isolated"),
                new OrderExpiry(database, new Outbox(database), clock, TestClocks.ZONE), clock);
        assertThat(desk.collect(new CollectCommand(new OrderId("CC-100001"), List.of(lines), Verification.ID_SEEN,
                "S1001", Optional.empty(), "k-" + lines.length))).isInstanceOf(CollectOutcome.Collected.class);
    }

    private static Order cancelled(Order order) {
        return new Order(order.id(), order.customer(), order.lines(), order.parcels(), order.pickupBy(),
                OrderStatus.CANCELLED, order.collectionCodeHash(), order.updatedAt(), order.version());
    }
}
