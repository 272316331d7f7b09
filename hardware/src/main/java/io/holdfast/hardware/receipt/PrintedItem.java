package io.holdfast.hardware.receipt;

import java.util.Objects;

/** What came out of a printer, as decoded from the bytes it was sent. */
public sealed interface PrintedItem {

    record Line(String text, Align align, boolean bold, boolean large) implements PrintedItem {
        public Line {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
        }
    }

    record Barcode(String data) implements PrintedItem {
        public Barcode {
            Objects.requireNonNull(data, "data");
        }
    }

    record QrCode(String data) implements PrintedItem {
        public QrCode {
            Objects.requireNonNull(data, "data");
        }
    }

    record Cut() implements PrintedItem {
    }
}
