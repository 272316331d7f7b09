package io.holdfast.order;

import java.util.Objects;
import java.util.regex.Pattern;

/** A click-and-collect order number as central issues it, such as {@code CC-104233}. */
public record OrderId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

    public OrderId {
        Objects.requireNonNull(value, "order id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "order id must be 3 to 32 capital letters, digits or dashes, but was '" + value + "'");
        }
    }

    /** Whether {@code text} could be an order id: for input from scans and forms. */
    public static boolean isWellFormed(String text) {
        return FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
