package io.holdfast.central.demo;

/** Demo gift-card numbers: 19 digits under the retailer's prefix, with a Luhn check digit. */
public final class GiftCardNumbers {

    private static final String PREFIX = "628039";

    private GiftCardNumbers() {
    }

    public static String number(int n) {
        String body = PREFIX + "%012d".formatted(n * 7_919L);
        return body + luhnCheckDigit(body);
    }

    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
