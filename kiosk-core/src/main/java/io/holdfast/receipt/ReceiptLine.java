package io.holdfast.receipt;

import java.util.Objects;

import io.holdfast.money.Money;

/** One line of a sale. */
public record ReceiptLine(int lineNumber, String sku, String description, int quantity, Money unitPrice) {

    public ReceiptLine {
        if (lineNumber <= 0) {
            throw new IllegalArgumentException("line number must be positive, but was " + lineNumber);
        }
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(description, "description");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, but was " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unit price");
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
