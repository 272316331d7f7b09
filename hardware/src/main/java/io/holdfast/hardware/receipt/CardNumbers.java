package io.holdfast.hardware.receipt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card numbers (16 to 19 digits, in a row or in groups of four) and the PINs printed beside them: what a receipt
 * preview hides and a print spool does not keep once the paper is out. Only the printed voucher
 * carries them.
 */
public final class CardNumbers {

    /** 16 to 19 digits in a row, or in groups of four as a card is printed; a receipt id's groups do not fit. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{1,3})?)(?![0-9])");
    private static final Pattern PIN = Pattern.compile("(?i)\\bPIN(\\s*:?\\s*)[0-9]{4,6}\\b");

    private CardNumbers() {
    }

    public static boolean appearIn(String text) {
        return NUMBER.matcher(text).find() || PIN.matcher(text).find();
    }

    /** Whether a printed receipt holds a card number or PIN anywhere, text or code. */
    public static boolean appearIn(ReceiptDocument receipt) {
        for (ReceiptElement element : receipt.elements()) {
            String text = switch (element) {
                case ReceiptElement.Text line -> line.text();
                case ReceiptElement.Columns columns -> columns.left() + " " + columns.right();
                case ReceiptElement.QrCode qr -> qr.data();
                case ReceiptElement.Barcode barcode -> barcode.data();
                default -> "";
            };
            if (appearIn(text)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every card number shown by its last four digits and every PIN hidden. */
    public static String mask(String text) {
        Matcher number = NUMBER.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (number.find()) {
            String digits = number.group().replaceAll("[^0-9]", "");
            number.appendReplacement(masked, "•••• " + digits.substring(digits.length() - 4));
        }
        number.appendTail(masked);
        return PIN.matcher(masked).replaceAll("PIN$1••••••");
    }
}
