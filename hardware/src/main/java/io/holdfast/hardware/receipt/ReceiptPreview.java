package io.holdfast.hardware.receipt;

import java.util.Base64;
import java.util.function.Supplier;

import io.holdfast.hardware.image.CodeImages;

/**
 * What a printed receipt looked like, for the desk and kiosk pages: as plain text at the
 * printer's width, or as a small HTML fragment. Card numbers show by their last four digits, PINs
 * not at all, and a code that holds a card number is not drawn ({@link CardNumbers}): a preview is
 * on a screen, the voucher in the customer's hand.
 */
public final class ReceiptPreview {

    private ReceiptPreview() {
    }

    public static String text(DecodedReceipt receipt, int columns) {
        StringBuilder out = new StringBuilder();
        for (PrintedItem item : receipt.items()) {
            switch (item) {
                case PrintedItem.Line line -> out.append(aligned(CardNumbers.mask(line.text()), line.align(), columns))
                        .append('\n');
                case PrintedItem.Barcode barcode -> out.append(aligned("||| " + CardNumbers.mask(barcode.data()) + " |||",
                        Align.CENTRE, columns)).append('\n');
                case PrintedItem.QrCode qr -> out.append(aligned("[QR " + abbreviate(CardNumbers.mask(qr.data()),
                        columns - 6) + "]", Align.CENTRE, columns)).append('\n');
                case PrintedItem.Cut ignored -> out.append("-".repeat(columns).replace('-', '~')).append('\n');
            }
        }
        return out.toString();
    }

    public static String html(DecodedReceipt receipt) {
        StringBuilder out = new StringBuilder("<div class=\"receipt\">\n");
        for (PrintedItem item : receipt.items()) {
            switch (item) {
                case PrintedItem.Line line -> {
                    String text = escape(CardNumbers.mask(line.text()));
                    if (line.bold()) {
                        text = "<strong>" + text + "</strong>";
                    }
                    out.append("<div class=\"line").append(line.large() ? " large" : "")
                            .append("\" style=\"text-align:").append(css(line.align())).append("\">")
                            .append(text.isEmpty() ? "&nbsp;" : text).append("</div>\n");
                }
                case PrintedItem.Barcode barcode when CardNumbers.appearIn(barcode.data()) ->
                        out.append("<div class=\"barcode hidden-card\">").append(escape(CardNumbers.mask(barcode.data())))
                                .append("</div>\n");
                case PrintedItem.QrCode qr when CardNumbers.appearIn(qr.data()) ->
                        out.append("<div class=\"qr hidden-card\">QR code of card ").append(escape(CardNumbers.mask(qr.data())))
                                .append(" (on the printed voucher only)</div>\n");
                case PrintedItem.Barcode barcode -> out.append("<div class=\"barcode\" data-code128=\"")
                        .append(escape(barcode.data())).append("\">")
                        .append(image(() -> CodeImages.code128Png(barcode.data(), 360, 80), barcode.data()))
                        .append("<br>").append(escape(barcode.data())).append("</div>\n");
                case PrintedItem.QrCode qr -> out.append("<div class=\"qr\" data-qr=\"").append(escape(qr.data()))
                        .append("\">").append(image(() -> CodeImages.qrPng(qr.data(), 160), qr.data()))
                        .append("</div>\n");
                case PrintedItem.Cut ignored -> out.append("<hr class=\"cut\">\n");
            }
        }
        return out.append("</div>\n").toString();
    }

    /** The code drawn as an inline PNG; what cannot be drawn stays as text. */
    private static String image(Supplier<byte[]> png, String alt) {
        try {
            return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png.get()) + "\">";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String aligned(String text, Align align, int columns) {
        if (text.length() >= columns) {
            return text;
        }
        int room = columns - text.length();
        return switch (align) {
            case LEFT -> text;
            case CENTRE -> " ".repeat(room / 2) + text;
            case RIGHT -> " ".repeat(room) + text;
        };
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
    }

    private static String css(Align align) {
        return switch (align) {
            case LEFT -> "left";
            case CENTRE -> "center";
            case RIGHT -> "right";
        };
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
