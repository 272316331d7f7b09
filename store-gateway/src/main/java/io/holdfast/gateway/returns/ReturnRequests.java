package io.holdfast.gateway.returns;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.holdfast.gateway.http.AmountBody;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.money.Money;
import io.holdfast.order.OrderId;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.returns.PurchaseRef;
import io.holdfast.returns.PurchasedLine;
import io.holdfast.returns.RefundMethod;
import io.holdfast.returns.ReturnLineRequest;

/**
 * The JSON bodies of {@code /api/v1/returns}, and their translation into the core's commands.
 * Exactly one of {@code receiptId}, {@code eReceipt}, {@code orderId} and {@code withoutReceipt}
 * names the purchase; anything missing or malformed is a 400 naming the field.
 */
final class ReturnRequests {

    private ReturnRequests() {
    }

    record LineBody(Integer lineNumber, Integer quantity, String reason, Map<String, Boolean> answers) {
    }

    record UnreceiptedLine(String sku, String description, String category, Integer quantity, AmountBody unitPrice) {
    }

    /** A quote takes the purchase and, optionally, the lines chosen; a return also the refund method. */
    record Body(String receiptId, String eReceipt, String orderId, List<UnreceiptedLine> withoutReceipt,
                Boolean giftReceipt, String overrideReason, List<LineBody> lines, String refundMethod, String printerId) {
    }

    static PurchaseRef purchase(Body body) {
        int named = (body.receiptId() == null ? 0 : 1) + (body.eReceipt() == null ? 0 : 1)
                + (body.orderId() == null ? 0 : 1) + (body.withoutReceipt() == null ? 0 : 1);
        if (named != 1) {
            throw invalid("receiptId", "name the purchase with exactly one of receiptId, eReceipt, orderId or"
                    + " withoutReceipt (" + named + " given)");
        }
        if (body.receiptId() != null) {
            try {
                return new PurchaseRef.ByReceipt(new ReceiptId(body.receiptId().strip()));
            } catch (IllegalArgumentException e) {
                throw invalid("receiptId", e.getMessage());
            }
        }
        if (body.eReceipt() != null) {
            return new PurchaseRef.ByEReceipt(body.eReceipt());
        }
        if (body.orderId() != null) {
            String id = body.orderId().strip().toUpperCase(Locale.ROOT);
            if (!OrderId.isWellFormed(id)) {
                throw invalid("orderId", "an order number looks like CC-100001, not '" + body.orderId() + "'");
            }
            return new PurchaseRef.ByOrder(new OrderId(id));
        }
        if (body.withoutReceipt().isEmpty()) {
            throw invalid("withoutReceipt", "list at least one item");
        }
        List<PurchasedLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < body.withoutReceipt().size(); i++) {
            lines.add(unreceipted(body.withoutReceipt().get(i), i));
        }
        return new PurchaseRef.WithoutReceipt(lines);
    }

    static List<ReturnLineRequest> lines(Body body) {
        if (body.lines() == null) {
            return List.of();
        }
        List<ReturnLineRequest> lines = new java.util.ArrayList<>();
        for (int i = 0; i < body.lines().size(); i++) {
            LineBody line = body.lines().get(i);
            String field = "lines[" + i + "]";
            if (line == null || line.lineNumber() == null || line.quantity() == null) {
                throw invalid(field, "each line needs lineNumber and quantity");
            }
            try {
                lines.add(new ReturnLineRequest(line.lineNumber(), line.quantity(),
                        line.reason() == null ? "unspecified" : line.reason(),
                        line.answers() == null ? Map.of() : line.answers()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalid(field, e.getMessage());
            }
        }
        return lines;
    }

    static RefundMethod method(Body body) {
        if (body.refundMethod() == null) {
            throw invalid("refundMethod", "choose one of " + List.of(RefundMethod.values()));
        }
        try {
            return RefundMethod.valueOf(body.refundMethod().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("refundMethod", "'" + body.refundMethod() + "' is not one of " + List.of(RefundMethod.values()));
        }
    }

    static Optional<String> overrideReason(Body body) {
        return Optional.ofNullable(body.overrideReason()).map(String::strip).filter(reason -> !reason.isEmpty());
    }

    private static PurchasedLine unreceipted(UnreceiptedLine line, int index) {
        String field = "withoutReceipt[" + index + "]";
        if (line == null || line.sku() == null || line.description() == null || line.quantity() == null
                || line.unitPrice() == null) {
            throw invalid(field, "each item needs sku, description, quantity and unitPrice {amount, currency}");
        }
        Money unitPrice = line.unitPrice().toMoney(field + ".unitPrice", "request-invalid",
                "A field of the request is missing or wrong");
        try {
            return new PurchasedLine(index + 1, line.sku(), line.description(),
                    line.category() == null ? "GENERAL" : line.category(), line.quantity(), unitPrice);
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    static ProblemException invalid(String field, String detail) {
        return ProblemException.field("request-invalid", "A field of the request is missing or wrong", field, detail);
    }
}
