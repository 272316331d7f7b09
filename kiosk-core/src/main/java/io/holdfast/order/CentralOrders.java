package io.holdfast.order;

import java.util.Objects;

/**
 * Central order management, as the store asks it before a hand-over. The gateway supplies an
 * implementation behind a circuit breaker; when central cannot answer, the desk goes on offline.
 */
public interface CentralOrders {

    Answer check(OrderId order);

    /** What central said about an order. */
    sealed interface Answer {
        /** Central knows the order and it may be collected. */
        record Collectable() implements Answer {
        }

        /** Central cancelled or refunded it. */
        record Cancelled(String reason) implements Answer {
            public Cancelled {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** Central has no such order. */
        record Unknown() implements Answer {
        }

        /** Central did not answer (down, slow, isolated): the store decides alone. */
        record Unavailable(String reason) implements Answer {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
