package io.holdfast.gateway;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.money.Money;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.Customer;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/** Test stores on real SQLite files, and settings for a gateway on a free loopback port. */
public final class TestStores {

    private TestStores() {
    }

    public static GatewaySettings settingsFor(Path databaseFile) {
        return GatewaySettings.from(GatewayConfig.load(java.util.Optional.empty()))
                .withListener("127.0.0.1", 0)
                .withDatabase(DatabaseSettings.of(databaseFile));
    }

    public static Order anOrder(String id) {
        OrderId orderId = new OrderId(id);
        return new Order(orderId, new Customer("Jane Smith", "LS1 4AP", "j***@e***.com"),
                List.of(new OrderLine(1, "5001001", "Linen shirt, blue, M", 2, 0, Money.of(2950, "GBP"))),
                List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A3"))),
                LocalDate.parse("2026-11-28"), OrderStatus.READY, CollectionCodes.hash("123456"),
                Instant.parse("2026-11-21T09:00:00Z"), 1);
    }

    /** Writes orders into the store file, then closes it so a gateway can own it. */
    public static void seed(Path databaseFile, List<Order> orders) {
        try (Database database = Database.open(DatabaseSettings.of(databaseFile))) {
            new SqliteOrderRepository(database).saveAll(orders);
        }
    }
}
