package io.holdfast.order;

import java.util.Objects;

import io.holdfast.money.Money;

/**
 * One product line of an order.
 *
 * @param lineNumber        1-based, unique in the order
 * @param quantityCollected how many of {@code quantity} have been handed over
 */
public record OrderLine(int lineNumber, String sku, String description, int quantity, int quantityCollected,
                        Money unitPrice) {

    public OrderLine {
        Require.positive(lineNumber, "line number");
        Require.text(sku, "sku");
        Require.text(description, "description");
        Require.positive(quantity, "quantity");
        if (quantityCollected < 0 || quantityCollected > quantity) {
            throw new IllegalArgumentException(
                    "quantity collected must be between 0 and " + quantity + ", but was " + quantityCollected);
        }
        Objects.requireNonNull(unitPrice, "unit price");
    }

    public int quantityWaiting() {
        return quantity - quantityCollected;
    }
}
