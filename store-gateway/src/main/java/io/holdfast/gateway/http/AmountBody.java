package io.holdfast.gateway.http;

import io.holdfast.money.Money;

/**
 * An amount as a request carries it, {@code {"amount": 1299, "currency": "GBP"}}, before it is
 * checked: a missing or wrong part is a 400 naming the field.
 */
public record AmountBody(Long amount, String currency) {

    public Money toMoney(String field, String code, String title) {
        return toMoney(400, field, code, title);
    }

    /** The same, answering a wrong amount with {@code status}. */
    public Money toMoney(int status, String field, String code, String title) {
        if (amount == null || currency == null) {
            throw ProblemException.field(status, code, title, field,
                    "an amount is {\"amount\": minor units, \"currency\": \"GBP\"}");
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.field(status, code, title, field, e.getMessage());
        }
    }
}
