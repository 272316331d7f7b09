package io.holdfast.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A click-and-collect order waiting in the store.
 *
 * @param collectionCodeHash the hash of the code the customer was sent; the code itself is never kept
 * @param updatedAt          when the store's copy last changed
 */
public record Order(OrderId id, Customer customer, List<OrderLine> lines, List<Parcel> parcels,
                    LocalDate pickupBy, OrderStatus status, String collectionCodeHash, Instant updatedAt) {

    public Order {
        Objects.requireNonNull(id, "order id");
        Objects.requireNonNull(customer, "customer");
        lines = List.copyOf(lines);
        parcels = List.copyOf(parcels);
        Objects.requireNonNull(pickupBy, "pickup-by date");
        Objects.requireNonNull(status, "status");
        Require.text(collectionCodeHash, "collection code hash");
        Objects.requireNonNull(updatedAt, "updated at");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + id + " must have at least one line");
        }
        if (lines.stream().map(OrderLine::lineNumber).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("order " + id + " has two lines with the same number");
        }
    }
}
