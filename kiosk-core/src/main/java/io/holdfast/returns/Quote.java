package io.holdfast.returns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.holdfast.money.Money;

/**
 * What can come back from a purchase and how it would be refunded right now.
 *
 * @param refundAmount     the value of the selection; nothing chosen is zero, with no options
 * @param selectionProblem why the selection cannot come back as asked, if it cannot
 */
public record Quote(String purchaseId, Purchase.Kind kind, Instant purchasedAt, long policyVersion,
                    boolean refundsOnline, List<LineQuote> lines, Money refundAmount, List<RefundOption> options,
                    Exposure exposure, Optional<Reason> selectionProblem) {
    public Quote {
        lines = List.copyOf(lines);
        options = List.copyOf(options);
    }

    public Optional<RefundOption> option(RefundMethod method) {
        return options.stream().filter(option -> option.method() == method).findFirst();
    }
}
