package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class SqliteOrderRepositoryTest {

    @TempDir
    Path folder;
    private Database database;
    private OrderRepository orders;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        orders = new SqliteOrderRepository(database);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void findsASavedOrderWithItsLinesAndParcels() {
        Order order = OrderFixtures.anOrder("CC-100001");

        orders.saveAll(List.of(order));

        assertThat(orders.find(order.id())).contains(order);
        assertThat(orders.count()).isEqualTo(1);
    }

    @Test
    void findsNothingForAnUnknownOrder() {
        assertThat(orders.find(new OrderId("CC-999999"))).isEmpty();
    }

    @Test
    void savingAnOrderAgainUpdatesItInPlace() {
        Order order = OrderFixtures.anOrder("CC-100001");
        orders.saveAll(List.of(order));
        Order cancelled = new Order(order.id(), order.customer(), order.lines(), order.parcels(), order.pickupBy(),
                OrderStatus.CANCELLED, order.collectionCodeHash(), order.updatedAt().plusSeconds(60), 1);

        orders.saveAll(List.of(cancelled));

        assertThat(orders.find(order.id())).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(found.version()).as("every change bumps the version").isEqualTo(2);
        });
        assertThat(orders.count()).isEqualTo(1);
    }

    @Test
    void anOrderNeedsAtLeastOneLineAndUniqueLineNumbers() {
        Order order = OrderFixtures.anOrder("CC-100001");
        assertThatThrownBy(() -> new Order(order.id(), order.customer(), List.of(), order.parcels(), order.pickupBy(),
                order.status(), order.collectionCodeHash(), order.updatedAt(), 1))
                .hasMessage("order CC-100001 must have at least one line");
        assertThatThrownBy(() -> new Order(order.id(), order.customer(),
                List.of(order.lines().get(0), order.lines().get(0)), order.parcels(), order.pickupBy(),
                order.status(), order.collectionCodeHash(), order.updatedAt(), 1))
                .hasMessage("order CC-100001 has two lines with the same number");
    }

    @Test
    void anOrderIdHasTheRetailersFormat() {
        assertThat(OrderId.isWellFormed("CC-100001")).isTrue();
        assertThatThrownBy(() -> new OrderId("cc 1"))
                .hasMessage("order id must be 3 to 32 capital letters, digits or dashes, but was 'cc 1'");
    }
}
