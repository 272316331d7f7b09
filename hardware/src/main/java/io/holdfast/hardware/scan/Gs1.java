package io.holdfast.hardware.scan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GS1 element strings: the application identifiers this store reads, and how to split a string
 * that holds several of them, in the scanner's form (FNC1 sent as the GS character) or in the
 * human-readable form with brackets.
 */
final class Gs1 {

    static final char GS = '\u001D';

    /** @param fixedLength the value's length when fixed, else 0 and {@code maxLength} bounds it */
    record Ai(String code, String title, int fixedLength, int maxLength, boolean numeric, boolean checkDigit,
              boolean date) {
    }

    private static final Map<String, Ai> KNOWN = Map.of(
            "00", new Ai("00", "SSCC", 18, 18, true, true, false),
            "01", new Ai("01", "GTIN", 14, 14, true, true, false),
            "02", new Ai("02", "GTIN of contained items", 14, 14, true, true, false),
            "10", new Ai("10", "batch or lot", 0, 20, false, false, false),
            "11", new Ai("11", "production date", 6, 6, true, false, true),
            "15", new Ai("15", "best before", 6, 6, true, false, true),
            "17", new Ai("17", "expiry", 6, 6, true, false, true),
            "21", new Ai("21", "serial number", 0, 20, false, false, false),
            "30", new Ai("30", "count of items", 0, 8, true, false, false),
            "37", new Ai("37", "count of trade items", 0, 8, true, false, false));

    /** GS1's character set 82: what AIs 10 and 21 may hold. */
    private static final Pattern CSET_82 = Pattern.compile("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]+");
    private static final Pattern BRACKETED = Pattern.compile("\\((\\d{2})\\)([^(]*)");

    private Gs1() {
    }

    /** A split element string, or the reason it cannot be one. */
    sealed interface Parsed {
        record Elements(Map<String, String> elements) implements Parsed {
        }

        record Problem(String reason) implements Parsed {
        }
    }

    static boolean looksBracketed(String text) {
        return text.length() > 4 && text.charAt(0) == '(' && text.charAt(3) == ')';
    }

    static Parsed parseBracketed(String text) {
        Map<String, String> elements = new LinkedHashMap<>();
        var matcher = BRACKETED.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return new Parsed.Problem("the GS1 code has text outside its (AI) brackets");
            }
            Optional<String> problem = add(elements, matcher.group(1), matcher.group(2));
            if (problem.isPresent()) {
                return new Parsed.Problem(problem.get());
            }
            end = matcher.end();
        }
        if (end != text.length() || elements.isEmpty()) {
            return new Parsed.Problem("the GS1 code's brackets are not closed or hold no identifier");
        }
        return new Parsed.Elements(elements);
    }

    /** The scanner's form: fixed-length values run on, variable ones end at GS or at the end. */
    static Parsed parseTransmitted(String text) {
        Map<String, String> elements = new LinkedHashMap<>();
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) == GS) {
                at++;
                continue;
            }
            if (at + 2 > text.length()) {
                return new Parsed.Problem("the GS1 code ends in the middle of an application identifier");
            }
            String code = text.substring(at, at + 2);
            Ai ai = KNOWN.get(code);
            if (ai == null) {
                return new Parsed.Problem("application identifier (" + printable(code) + ") is not one this store reads");
            }
            at += 2;
            int end;
            if (ai.fixedLength() > 0) {
                end = at + ai.fixedLength();
                if (end > text.length()) {
                    return new Parsed.Problem("(" + code + ") " + ai.title() + " needs " + ai.fixedLength()
                            + " characters, but only " + (text.length() - at) + " follow");
                }
            } else {
                int gs = text.indexOf(GS, at);
                end = gs < 0 ? text.length() : gs;
            }
            Optional<String> problem = add(elements, code, text.substring(at, end));
            if (problem.isPresent()) {
                return new Parsed.Problem(problem.get());
            }
            at = end;
        }
        return elements.isEmpty() ? new Parsed.Problem("the GS1 code holds no element") : new Parsed.Elements(elements);
    }

    private static Optional<String> add(Map<String, String> elements, String code, String value) {
        Ai ai = KNOWN.get(code);
        if (ai == null) {
            return Optional.of("application identifier (" + printable(code) + ") is not one this store reads");
        }
        String name = "(" + code + ") " + ai.title();
        if (elements.containsKey(code)) {
            return Optional.of(name + " appears twice");
        }
        if (value.isEmpty()) {
            return Optional.of(name + " is empty");
        }
        if (ai.fixedLength() > 0 && value.length() != ai.fixedLength()) {
            return Optional.of(name + " must be " + ai.fixedLength() + " characters, but has " + value.length());
        }
        if (value.length() > ai.maxLength()) {
            return Optional.of(name + " may be at most " + ai.maxLength() + " characters, but has " + value.length());
        }
        if (ai.numeric() && !CheckDigits.allDigits(value)) {
            return Optional.of(name + " must be digits only");
        }
        if (!ai.numeric() && !CSET_82.matcher(value).matches()) {
            return Optional.of(name + " holds a character GS1 does not allow");
        }
        if (ai.checkDigit() && !CheckDigits.gs1Valid(value)) {
            return Optional.of(name + " check digit does not match");
        }
        if (ai.date() && Dates.tryParse(value).isEmpty()) {
            return Optional.of(name + " is not a real date (YYMMDD): " + value);
        }
        elements.put(code, value);
        return Optional.empty();
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == GS) {
                out.append("<GS>");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("<%02X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** GS1 dates are YYMMDD; this store reads 20YY. A day of 00 means the last day of the month. */
    static final class Dates {

        private Dates() {
        }

        static LocalDate parse(String yymmdd) {
            return tryParse(yymmdd).orElseThrow(() -> new IllegalArgumentException("not a GS1 date: " + yymmdd));
        }

        static Optional<LocalDate> tryParse(String yymmdd) {
            if (yymmdd.length() != 6 || !CheckDigits.allDigits(yymmdd)) {
                return Optional.empty();
            }
            int year = 2000 + Integer.parseInt(yymmdd.substring(0, 2));
            int month = Integer.parseInt(yymmdd.substring(2, 4));
            int day = Integer.parseInt(yymmdd.substring(4, 6));
            try {
                YearMonth yearMonth = YearMonth.of(year, month);
                return Optional.of(day == 0 ? yearMonth.atEndOfMonth() : yearMonth.atDay(day));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    }
}
