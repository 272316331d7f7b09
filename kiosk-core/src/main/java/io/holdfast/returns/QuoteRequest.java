package io.holdfast.returns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks what can come back and how it would be refunded now.
 *
 * @param selection     the lines the customer picked, to price the refund options; empty prices nothing
 *                      (a first look at what can come back, answered with {@code return.nothing-chosen})
 * @param overrideReason a supervisor's reason for an exception; present only for a signed-in supervisor
 */
public record QuoteRequest(PurchaseRef purchase, Channel channel, boolean giftReceipt, Optional<String> overrideReason,
                           List<ReturnLineRequest> selection) {
    public QuoteRequest {
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(overrideReason, "override reason");
        selection = List.copyOf(selection);
    }
}
