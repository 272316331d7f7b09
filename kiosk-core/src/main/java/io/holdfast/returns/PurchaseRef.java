package io.holdfast.returns;

import java.util.List;
import java.util.Objects;

import io.holdfast.order.OrderId;
import io.holdfast.receipt.ReceiptId;

/** How the customer shows what they bought. */
public sealed interface PurchaseRef {

    /** A receipt from this store's journal: scanned barcode or typed number. */
    record ByReceipt(ReceiptId id) implements PurchaseRef {
        public ByReceipt {
            Objects.requireNonNull(id, "receipt id");
        }
    }

    /** A signed e-receipt QR code, from this store or any other. */
    record ByEReceipt(String code) implements PurchaseRef {
        public ByEReceipt {
            Objects.requireNonNull(code, "e-receipt code");
        }
    }

    /** An online order handed over (click and collect, or delivered). */
    record ByOrder(OrderId id) implements PurchaseRef {
        public ByOrder {
            Objects.requireNonNull(id, "order id");
        }
    }

    /** No proof of purchase: a supervisor's override lists what comes back. */
    record WithoutReceipt(List<PurchasedLine> lines) implements PurchaseRef {
        public WithoutReceipt {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a return without a receipt must list what comes back");
            }
        }
    }
}
