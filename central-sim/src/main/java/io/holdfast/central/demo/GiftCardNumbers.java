package io.holdfast.central.demo;

import io.holdfast.giftcard.Luhn;

/** Demo gift-card numbers: 19 digits under the retailer's prefix, with a Luhn check digit. */
public final class GiftCardNumbers {

    private static final String PREFIX = "628039";

    private GiftCardNumbers() {
    }

    public static String number(long n) {
        String body = PREFIX + "%012d".formatted(n * 7_919L);
        return body + Luhn.checkDigit(body);
    }
}
