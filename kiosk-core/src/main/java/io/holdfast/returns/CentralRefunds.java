package io.holdfast.returns;

import java.util.Objects;

import io.holdfast.money.Money;

/**
 * Central's refund service: pays money back to a customer's original tender. The refund id is the
 * idempotency key, so asking twice for the same refund pays it once. The gateway supplies an
 * implementation behind the REFUNDS circuit breaker.
 */
public interface CentralRefunds {

    Answer pay(Instruction instruction);

    /** What to pay back, and to which tender. */
    record Instruction(String refundId, String returnId, Money amount, String tenderReference) {
        public Instruction {
            Objects.requireNonNull(refundId, "refund id");
            Objects.requireNonNull(returnId, "return id");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(tenderReference, "tender reference");
        }
    }

    sealed interface Answer {
        /** Paid now or earlier (a retry): central's reference for it. */
        record Paid(String reference) implements Answer {
        }

        /** Central will not pay it (card closed, already refunded elsewhere): for the manager. */
        record Declined(String reason) implements Answer {
        }

        /**
         * Central did not answer: the refund stays due and is tried again.
         *
         * @param centralAsked false when the call was refused without asking (the breaker is open or
         *                     REFUNDS isolated): then no other refund will get through either
         */
        record Unavailable(String reason, boolean centralAsked) implements Answer {
            public Unavailable(String reason) {
                this(reason, true);
            }
        }
    }
}
