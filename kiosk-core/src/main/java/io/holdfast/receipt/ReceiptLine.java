package io.holdfast.receipt;

import java.util.Objects;
import java.util.regex.Pattern;

import io.holdfast.money.Money;

/**
 * One line of a sale.
 *
 * @param category what kind of goods, as the returns policy names them: {@code CLOTHING}, {@code FOOD},
 *                 {@code PIERCED_JEWELLERY}; {@code GENERAL} when the till does not say
 */
public record ReceiptLine(int lineNumber, String sku, String description, int quantity, Money unitPrice,
                          String category) {

    public static final String GENERAL = "GENERAL";
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z_]{1,39}");

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
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must be 2 to 40 capital letters or underscores, like CLOTHING,"
                    + " but was '" + category + "'");
        }
    }

    /** A line of general goods. */
    public ReceiptLine(int lineNumber, String sku, String description, int quantity, Money unitPrice) {
        this(lineNumber, sku, description, quantity, unitPrice, GENERAL);
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
