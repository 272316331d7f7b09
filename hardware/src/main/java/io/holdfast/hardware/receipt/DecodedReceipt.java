package io.holdfast.hardware.receipt;

import java.util.List;

/**
 * ESC/POS bytes read back: the printed items in order, and anything the decoder did not
 * understand (as text, never as an exception).
 */
public record DecodedReceipt(List<PrintedItem> items, List<String> problems) {

    public DecodedReceipt {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    /** The printed lines, one per line, without styling. */
    public List<String> lines() {
        return items.stream().filter(PrintedItem.Line.class::isInstance).map(i -> ((PrintedItem.Line) i).text()).toList();
    }

    public String text() {
        return String.join("\n", lines());
    }

    public List<String> barcodes() {
        return items.stream().filter(PrintedItem.Barcode.class::isInstance)
                .map(i -> ((PrintedItem.Barcode) i).data()).toList();
    }

    public List<String> qrCodes() {
        return items.stream().filter(PrintedItem.QrCode.class::isInstance)
                .map(i -> ((PrintedItem.QrCode) i).data()).toList();
    }

    /** A whole receipt ends with a cut; one without was torn off mid-job. */
    public boolean isCut() {
        return !items.isEmpty() && items.getLast() instanceof PrintedItem.Cut;
    }
}
