package io.holdfast.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.holdfast.money.Money;

/** Test data: a ready order with two lines in two parcels. */
final class OrderFixtures {

    /** The collection codes of the store the fixtures live in. */
    static final CollectionCodes CODES = new CollectionCodes("a-test-collection-code-key-32-bytes!"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private OrderFixtures() {
    }

    static Order anOrder(String id) {
        return new Order(new OrderId(id),
                new Customer("Jane Smith", "LS1 4AP", "j***@e***.com"),
                List.of(new OrderLine(1, "5000111", "Linen shirt, blue, M", 2, 0, Money.of(2950, "GBP")),
                        new OrderLine(2, "5000222", "Canvas tote", 1, 0, Money.of(1200, "GBP"))),
                List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A3")),
                        new Parcel(2, new Parcel.Location(Parcel.Location.Kind.LOCKER, "L12"))),
                LocalDate.parse("2026-11-28"), OrderStatus.READY, CODES.hash("123456"),
                Instant.parse("2026-11-21T09:00:00Z"), 1);
    }
}
