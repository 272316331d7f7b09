package io.holdfast.hardware.scan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * From a raw scan (keyboard wedge or TCP scanner) to a typed code, or a rejection a colleague can
 * read. Recognises, splits and checks digits; it never verifies signatures (the core does).
 */
public final class ScanParser {

    /** Longer than any code this store prints or reads. */
    public static final int MAX_LENGTH = 1024;
    private static final int ED25519_SIGNATURE_BYTES = 64;
    private static final int MAX_QR_PAYLOAD_BYTES = 700;
    private static final Pattern ORDER_NUMBER = Pattern.compile("CC-\\d{6,10}");
    private static final Pattern RECEIPT_BARCODE = Pattern.compile("R\\d{19}");
    private static final DateTimeFormatter RECEIPT_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public ScanResult parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return reject("nothing was scanned", "");
        }
        if (raw.length() > MAX_LENGTH) {
            return reject("the scan is " + raw.length() + " characters long, longer than any code this store uses",
                    raw.substring(0, 40) + "…");
        }
        String text = stripLineEnd(raw);
        if (text.startsWith("]") && text.length() >= 3) {
            return fromSymbology(text.substring(0, 3), text.substring(3), raw);
        }
        return fromContent(text, raw);
    }

    /** AIM symbology identifiers that scanners put first: {@code ]C1} GS1-128, {@code ]d2} GS1 DataMatrix. */
    private ScanResult fromSymbology(String identifier, String content, String raw) {
        return switch (identifier) {
            case "]C1", "]d2", "]Q3", "]e0" -> gs1(Gs1.parseTransmitted(content), raw);
            default -> fromContent(content, raw);
        };
    }

    private ScanResult fromContent(String text, String raw) {
        if (text.startsWith("HFC1.") || text.startsWith("HFR1.")) {
            return signedQr(text, raw);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (ORDER_NUMBER.matcher(upper).matches()) {
            return new ScanResult.Recognised(new ScannedCode.OrderNumber(upper));
        }
        if (RECEIPT_BARCODE.matcher(text).matches()) {
            return receipt(text, raw);
        }
        if (Gs1.looksBracketed(text)) {
            return gs1(Gs1.parseBracketed(text), raw);
        }
        if (text.indexOf(Gs1.GS) >= 0) {
            return gs1(Gs1.parseTransmitted(text), raw);
        }
        if (CheckDigits.allDigits(text)) {
            return digitsOnly(text, raw);
        }
        return reject("this is not a barcode or QR code this store uses", raw);
    }

    private ScanResult digitsOnly(String digits, String raw) {
        return switch (digits.length()) {
            case 13 -> CheckDigits.gs1Valid(digits)
                    ? new ScanResult.Recognised(new ScannedCode.Ean13(digits))
                    : reject("EAN-13 check digit does not match: the last digit should be "
                            + CheckDigits.gs1(digits.substring(0, 12)), raw);
            case 12 -> CheckDigits.gs1Valid(digits)
                    ? new ScanResult.Recognised(new ScannedCode.UpcA(digits))
                    : reject("UPC-A check digit does not match: the last digit should be "
                            + CheckDigits.gs1(digits.substring(0, 11)), raw);
            case 8 -> reject("an 8-digit EAN-8 code is not one this store uses", raw);
            default -> reject("a " + digits.length() + "-digit number is not a product, order or receipt code", raw);
        };
    }

    private ScanResult receipt(String text, String raw) {
        String digits = text.substring(1);
        if (CheckDigits.luhn(digits.substring(0, 18)) != digits.charAt(18) - '0') {
            return reject("receipt barcode check digit does not match", raw);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(digits.substring(6, 14), RECEIPT_DATE);
        } catch (DateTimeException e) {
            return reject("the date on this receipt barcode is not a real date (" + digits.substring(6, 14) + ")", raw);
        }
        return new ScanResult.Recognised(new ScannedCode.ReceiptBarcode(
                digits.substring(0, 4), digits.substring(4, 6), date, digits.substring(14, 18)));
    }

    private ScanResult signedQr(String text, String raw) {
        ScannedCode.SignedQr.Kind kind = text.startsWith("HFC1.")
                ? ScannedCode.SignedQr.Kind.COLLECTION : ScannedCode.SignedQr.Kind.E_RECEIPT;
        String name = kind == ScannedCode.SignedQr.Kind.COLLECTION ? "collection QR code" : "e-receipt QR code";
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return reject("this " + name + " is incomplete: it needs a payload and a signature", raw);
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(parts[1]);
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return reject("this " + name + " is damaged: it is not base64url", raw);
        }
        if (signature.length != ED25519_SIGNATURE_BYTES) {
            return reject("this " + name + " has a signature of " + signature.length
                    + " bytes; Ed25519 signatures are 64", raw);
        }
        if (payload.length == 0 || payload.length > MAX_QR_PAYLOAD_BYTES) {
            return reject("this " + name + " carries " + payload.length + " bytes, which is not a valid payload", raw);
        }
        return new ScanResult.Recognised(new ScannedCode.SignedQr(kind, payload, signature));
    }

    private static ScanResult gs1(Gs1.Parsed parsed, String raw) {
        return switch (parsed) {
            case Gs1.Parsed.Elements elements ->
                    new ScanResult.Recognised(new ScannedCode.Gs1ElementString(elements.elements()));
            case Gs1.Parsed.Problem problem -> reject(problem.reason(), raw);
        };
    }

    private static String stripLineEnd(String raw) {
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
            end--;
        }
        return raw.substring(0, end);
    }

    private static ScanResult reject(String reason, String raw) {
        return new ScanResult.Rejected(reason, Gs1.printable(raw));
    }
}
