package io.holdfast.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in integer minor units (pence for GBP) with its currency. Never floating point.
 *
 * @param amount   minor units; negative only for refunds and reversals
 * @param currency ISO 4217 currency
 */
public record Money(long amount, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other, "add");
        try {
            return new Money(Math.addExact(amount, other.amount), currency);
        } catch (ArithmeticException e) {
            throw new AmountOutOfRangeException(display() + " + " + other.display() + " is more than an amount can hold", e);
        }
    }

    public Money minus(Money other) {
        requireSameCurrency(other, "subtract");
        try {
            return new Money(Math.subtractExact(amount, other.amount), currency);
        } catch (ArithmeticException e) {
            throw new AmountOutOfRangeException(display() + " - " + other.display() + " is more than an amount can hold", e);
        }
    }

    public Money times(long quantity) {
        try {
            return new Money(Math.multiplyExact(amount, quantity), currency);
        } catch (ArithmeticException e) {
            throw new AmountOutOfRangeException(display() + " × " + quantity + " is more than an amount can hold", e);
        }
    }

    /** {@code percent} of this amount, rounded down to the minor unit: a limit cut to a share of itself. */
    public Money percent(int percent) {
        return new Money(times(percent).amount / 100, currency);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isNegative() {
        return amount < 0;
    }

    private void requireSameCurrency(Money other, String operation) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "cannot " + operation + " " + other.currency + " to or from " + currency + " (" + this + ", " + other + ")");
        }
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency code");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, but was '" + code + "'", e);
        }
    }

    /** As a customer reads it in the retailer's locale: {@code £50.00}. */
    public String display() {
        java.text.NumberFormat format = java.text.NumberFormat.getCurrencyInstance(java.util.Locale.UK);
        format.setCurrency(currency);
        return format.format(java.math.BigDecimal.valueOf(amount, currency.getDefaultFractionDigits()));
    }

    @Override
    public String toString() {
        return amount + " " + currency.getCurrencyCode();
    }
}
