package io.holdfast.order;

import java.util.Objects;
import java.util.Optional;

/** What happened to a collect request: a decision, never an exception. */
public sealed interface CollectOutcome {

    /**
     * Handed over.
     *
     * @param order    the order right after this collection
     * @param replayed true when this answers a repeated request with the first answer
     */
    record Collected(Collection collection, Order order, boolean replayed) implements CollectOutcome {
        public Collected {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(order, "order");
        }

        Collected asReplay() {
            return new Collected(collection, order, true);
        }
    }

    /**
     * Not handed over.
     *
     * @param message what the colleague reads
     * @param order   the order as it is now, when there is one
     */
    record Refused(Refusal reason, String message, Optional<Order> order) implements CollectOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(order, "order");
        }
    }
}
