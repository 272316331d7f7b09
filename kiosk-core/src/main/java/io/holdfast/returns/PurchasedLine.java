package io.holdfast.returns;

import java.util.Objects;

import io.holdfast.money.Money;

/** A line of what the customer bought, as returns see it. */
public record PurchasedLine(int lineNumber, String sku, String description, String category, int quantity,
                            Money unitPrice) {

    public PurchasedLine {
        if (lineNumber <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("line " + lineNumber + " needs a positive number and quantity, but had "
                    + quantity);
        }
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unitPrice, "unit price");
    }
}
