package io.holdfast.central;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderStatus;

/**
 * Central order management's state for the simulator: every order with the sequence of its last
 * change, so a store can fetch the whole manifest and then the changes after a sequence.
 */
final class CentralOrderBook {

    record Entry(Order order, long sequence, Optional<String> cancellationReason) {
    }

    record Page(long sequence, List<Entry> entries) {
    }

    private final Map<OrderId, Entry> orders = new ConcurrentHashMap<>();
    private final Clock clock;
    private long sequence;

    CentralOrderBook(Collection<Order> initial, Clock clock) {
        this.clock = clock;
        for (Order order : initial) {
            orders.put(order.id(), new Entry(order, ++sequence, Optional.empty()));
        }
    }

    Optional<Entry> find(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    synchronized Page snapshot() {
        return new Page(sequence, sorted(orders.values()));
    }

    synchronized Page changesAfter(long after) {
        return new Page(sequence, sorted(orders.values().stream().filter(e -> e.sequence() > after).toList()));
    }

    /** A new order for the store, or a changed one, as the next change in the manifest. */
    synchronized Entry put(Order order) {
        Entry next = new Entry(order, ++sequence, Optional.empty());
        orders.put(order.id(), next);
        return next;
    }

    /** Cancels an order centrally, as a refund or a customer service agent would. */
    synchronized Optional<Entry> cancel(OrderId id, String reason) {
        Entry current = orders.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Order order = current.order();
        Order cancelled = new Order(order.id(), order.customer(), order.lines(), order.parcels(), order.pickupBy(),
                OrderStatus.CANCELLED, order.collectionCodeHash(), clock.instant(), order.version() + 1);
        Entry next = new Entry(cancelled, ++sequence, Optional.of(reason));
        orders.put(id, next);
        return Optional.of(next);
    }

    private static List<Entry> sorted(Collection<Entry> entries) {
        List<Entry> list = new ArrayList<>(entries);
        list.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return list;
    }
}
