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
 * @param version            bumped by every change in the store, so a desk can say which version it saw
 */
public record Order(OrderId id, Customer customer, List<OrderLine> lines, List<Parcel> parcels,
                    LocalDate pickupBy, OrderStatus status, String collectionCodeHash, Instant updatedAt,
                    int version) {

    public Order {
        Objects.requireNonNull(id, "order id");
        Objects.requireNonNull(customer, "customer");
        lines = List.copyOf(lines);
        parcels = List.copyOf(parcels);
        Objects.requireNonNull(pickupBy, "pickup-by date");
        Objects.requireNonNull(status, "status");
        Require.text(collectionCodeHash, "collection code hash");
        Objects.requireNonNull(updatedAt, "updated at");
        if (version < 1) {
            throw new IllegalArgumentException("order " + id + " version must be at least 1, but was " + version);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + id + " must have at least one line");
        }
        if (lines.stream().map(OrderLine::lineNumber).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("order " + id + " has two lines with the same number");
        }
    }

    /** Units still waiting to be handed over, across all lines. */
    public int unitsWaiting() {
        return lines.stream().mapToInt(OrderLine::quantityWaiting).sum();
    }

    public java.util.Optional<OrderLine> line(int lineNumber) {
        return lines.stream().filter(l -> l.lineNumber() == lineNumber).findFirst();
    }

    public int unitsCollected() {
        return lines.stream().mapToInt(OrderLine::quantityCollected).sum();
    }

    /** The same order in another status, as of {@code at}, one version on. */
    public Order withStatus(OrderStatus next, java.time.Instant at) {
        return new Order(id, customer, lines, parcels, pickupBy, next, collectionCodeHash, at, version + 1);
    }

    /** Whether a desk may hand over (some of) it now. */
    public boolean isCollectable() {
        return status == OrderStatus.READY || status == OrderStatus.PARTLY_COLLECTED;
    }
}
