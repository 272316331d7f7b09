package io.holdfast.giftcard;

/** The Luhn (mod 10) check digit that card numbers carry. */
public final class Luhn {

    private Luhn() {
    }

    /** Whether {@code digits}, check digit last, pass the Luhn check. */
    public static boolean valid(CharSequence digits) {
        return digits.length() > 1 && sum(digits, false) % 10 == 0;
    }

    /** The digit that makes {@code body} followed by it pass the Luhn check. */
    public static int checkDigit(CharSequence body) {
        return (10 - sum(body, true) % 10) % 10;
    }

    private static int sum(CharSequence digits, boolean doubleLast) {
        int sum = 0;
        boolean twice = doubleLast;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum;
    }
}
