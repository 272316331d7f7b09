package io.holdfast.returns;

import java.util.Map;
import java.util.Objects;

/**
 * A line the customer wants to return.
 *
 * @param reason  the customer's reason, as the kiosk lists them ({@code changed-mind}, {@code faulty})
 * @param answers the condition questions answered, by id: true for yes
 */
public record ReturnLineRequest(int lineNumber, int quantity, String reason, Map<String, Boolean> answers) {

    public ReturnLineRequest {
        if (lineNumber <= 0) {
            throw new IllegalArgumentException("lineNumber must be positive, but was " + lineNumber);
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, but was " + quantity);
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > 60) {
            throw new IllegalArgumentException("reason must be 1 to 60 characters, like changed-mind");
        }
        answers = Map.copyOf(Objects.requireNonNull(answers, "answers"));
    }
}
