package io.holdfast.returns;

import io.holdfast.order.Order;
import io.holdfast.order.OrderId;

/** Central order management, as returns ask it for an online order while ORDERS is online. */
public interface CentralPurchases {

    Lookup order(OrderId id);

    sealed interface Lookup {
        record Found(Order order) implements Lookup {
        }

        record NotFound() implements Lookup {
        }

        /** Central did not answer: the store's manifest history answers instead. */
        record Unavailable(String reason) implements Lookup {
        }
    }
}
