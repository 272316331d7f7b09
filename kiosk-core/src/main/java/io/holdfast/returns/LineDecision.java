package io.holdfast.returns;

import java.util.List;
import java.util.Objects;

/** Whether a line of a purchase can come back now, how many, and why. */
public sealed interface LineDecision {

    Reason reason();

    /**
     * Up to {@code quantity} can come back, once the customer answers yes to each question.
     *
     * @param questions ids of the condition questions to ask (texts in the message bundle)
     */
    record Returnable(int quantity, List<String> questions, Reason reason) implements LineDecision {
        public Returnable {
            if (quantity <= 0) {
                throw new IllegalArgumentException("a returnable line has a positive quantity, but had " + quantity);
            }
            questions = List.copyOf(questions);
            Objects.requireNonNull(reason, "reason");
        }
    }

    record NotReturnable(Reason reason) implements LineDecision {
        public NotReturnable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
