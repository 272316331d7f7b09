package io.holdfast.order;

/** How many units of one order line are handed over. */
public record LineQuantity(int lineNumber, int quantity) {
    public LineQuantity {
        Require.positive(lineNumber, "line number");
        Require.positive(quantity, "quantity");
    }
}
