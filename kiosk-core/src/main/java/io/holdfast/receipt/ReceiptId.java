package io.holdfast.receipt;

import java.util.Objects;
import java.util.regex.Pattern;

/** A receipt number, unique across the retailer: store, till, date and transaction, such as {@code 0421-03-20261121-0042}. */
public record ReceiptId(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{8}-\\d{4}");

    public ReceiptId {
        Objects.requireNonNull(value, "receipt id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "receipt id must look like STORE-TILL-YYYYMMDD-TXN (0421-03-20261121-0042), but was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
