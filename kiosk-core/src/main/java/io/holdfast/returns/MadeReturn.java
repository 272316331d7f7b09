package io.holdfast.returns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * A return as recorded: what came back, and the refund decision. Stored as the idempotent outcome,
 * so it never holds a store-credit card number, only its last four digits.
 *
 * @param offline      made while REFUNDS was not online: counts against the offline caps
 * @param refund       for a refund to the original tender, where it stands
 * @param creditLastFour for store credit, the voucher card's last four digits
 */
public record MadeReturn(String returnId, String purchaseId, Purchase.Kind kind, Channel channel, String actor,
                         Instant returnedAt, List<ReturnedLine> lines, RefundMethod method, Money amount,
                         boolean offline, Optional<String> overrideReason, Optional<RefundStatus> refund,
                         Optional<String> creditLastFour) {

    /** One line that came back. */
    public record ReturnedLine(int lineNumber, String sku, String description, int quantity, Money amount,
                               String reason) {
    }

    public MadeReturn {
        Objects.requireNonNull(returnId, "return id");
        lines = List.copyOf(lines);
        Objects.requireNonNull(overrideReason, "override reason");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(creditLastFour, "credit last four");
    }

    MadeReturn withRefund(RefundStatus status) {
        return new MadeReturn(returnId, purchaseId, kind, channel, actor, returnedAt, lines, method, amount, offline,
                overrideReason, Optional.of(status), creditLastFour);
    }
}
