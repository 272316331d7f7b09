package io.holdfast.hardware.receipt;

import java.util.Objects;

/** One thing printed on a receipt, top to bottom. */
public sealed interface ReceiptElement {

    /** A line of text; longer lines wrap on the printer. */
    record Text(String text, Align align, boolean bold, boolean large) implements ReceiptElement {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
        }
    }

    /** A label on the left and an amount on the right: "Total ...... £12.99". */
    record Columns(String left, String right, boolean bold) implements ReceiptElement {
        public Columns {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** A line of dashes across the paper. */
    record Divider() implements ReceiptElement {
    }

    /** A Code 128 barcode with its digits printed below; printable ASCII only. */
    record Barcode(String data) implements ReceiptElement {
        public Barcode {
            Objects.requireNonNull(data, "barcode data");
            if (data.isEmpty() || data.length() > 60 || !data.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException(
                        "a Code 128 barcode needs 1 to 60 printable ASCII characters, but got '" + data + "'");
            }
        }
    }

    /** A QR code. */
    record QrCode(String data) implements ReceiptElement {
        public QrCode {
            Objects.requireNonNull(data, "QR data");
            if (data.isEmpty() || data.length() > 700) {
                throw new IllegalArgumentException("a QR code needs 1 to 700 characters, but got " + data.length());
            }
        }
    }

    /** Blank lines. */
    record Feed(int lines) implements ReceiptElement {
        public Feed {
            if (lines < 1 || lines > 10) {
                throw new IllegalArgumentException("feed must be 1 to 10 lines, but was " + lines);
            }
        }
    }
}
