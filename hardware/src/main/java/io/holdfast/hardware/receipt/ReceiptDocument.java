package io.holdfast.hardware.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * A receipt as the business sees it, with no printer in mind: lines, emphasis, alignment,
 * totals, a barcode, a QR code. Every receipt ends with a cut.
 */
public record ReceiptDocument(List<ReceiptElement> elements) {

    public ReceiptDocument {
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a receipt needs at least one element");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads top to bottom, as the receipt prints. */
    public static final class Builder {
        private final List<ReceiptElement> elements = new ArrayList<>();

        public Builder title(String text) {
            return add(new ReceiptElement.Text(text, Align.CENTRE, true, true));
        }

        public Builder centred(String text) {
            return add(new ReceiptElement.Text(text, Align.CENTRE, false, false));
        }

        public Builder line(String text) {
            return add(new ReceiptElement.Text(text, Align.LEFT, false, false));
        }

        public Builder bold(String text) {
            return add(new ReceiptElement.Text(text, Align.LEFT, true, false));
        }

        public Builder columns(String left, String right) {
            return add(new ReceiptElement.Columns(left, right, false));
        }

        public Builder total(String left, String right) {
            return add(new ReceiptElement.Columns(left, right, true));
        }

        public Builder divider() {
            return add(new ReceiptElement.Divider());
        }

        public Builder barcode(String data) {
            return add(new ReceiptElement.Barcode(data));
        }

        public Builder qr(String data) {
            return add(new ReceiptElement.QrCode(data));
        }

        public Builder feed(int lines) {
            return add(new ReceiptElement.Feed(lines));
        }

        public Builder add(ReceiptElement element) {
            elements.add(element);
            return this;
        }

        public ReceiptDocument build() {
            return new ReceiptDocument(elements);
        }
    }
}
