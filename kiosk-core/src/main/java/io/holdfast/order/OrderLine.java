package io.holdfast.order;

import java.util.Objects;

import io.holdfast.money.Money;

/**
 * One product line of an order.
 *
 * @param lineNumber           1-based, unique in the order
 * @param quantityCollected    how many of {@code quantity} have been handed over
 * @param quantityNotCollected how many will not be: declined, damaged or missing at the desk
 */
public record OrderLine(int lineNumber, String sku, String description, int quantity, int quantityCollected,
                        Money unitPrice, int quantityNotCollected) {

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
        if (quantityNotCollected < 0 || quantityNotCollected > quantity) {
            throw new IllegalArgumentException(
                    "quantity not collected must be between 0 and " + quantity + ", but was " + quantityNotCollected);
        }
    }

    /** A line as central's manifest has it: nothing set aside at the desk. */
    public OrderLine(int lineNumber, String sku, String description, int quantity, int quantityCollected,
                     Money unitPrice) {
        this(lineNumber, sku, description, quantity, quantityCollected, unitPrice, 0);
    }

    /** What is still to hand over: neither collected nor set aside (never below zero). */
    public int quantityWaiting() {
        return Math.max(0, quantity - quantityCollected - quantityNotCollected);
    }
}
