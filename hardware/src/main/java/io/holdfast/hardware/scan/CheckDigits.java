package io.holdfast.hardware.scan;

/** Check digits as GS1 defines them (EAN, UPC, GTIN, SSCC) and as Luhn does (the receipt barcode). */
public final class CheckDigits {

    private CheckDigits() {
    }

    /** GS1 mod 10: from the right, weights 3, 1, 3, 1… over the digits before the check digit. */
    public static int gs1(CharSequence digitsWithoutCheck) {
        int sum = 0;
        int weight = 3;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last digit is the GS1 check digit of the ones before it. */
    public static boolean gs1Valid(CharSequence digits) {
        return digits.length() > 1
                && gs1(digits.subSequence(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** Luhn mod 10 check digit over {@code digitsWithoutCheck}. */
    public static int luhn(CharSequence digitsWithoutCheck) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            int d = digitsWithoutCheck.charAt(i) - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean allDigits(CharSequence text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
