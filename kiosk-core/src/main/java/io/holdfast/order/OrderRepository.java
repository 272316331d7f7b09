package io.holdfast.order;

import java.util.Collection;
import java.util.Optional;

/** The store's copy of the orders waiting for collection. */
public interface OrderRepository {

    Optional<Order> find(OrderId id);

    /** Inserts or replaces each order with its lines and parcels, all in one transaction. */
    void saveAll(Collection<Order> orders);

    long count();
}
