package io.holdfast.returns;

import java.util.Objects;

import io.holdfast.money.Money;

/** Offline refunds made today: the store's total and this customer's, against the policy's caps. */
public record Exposure(Money storeToday, Money customerToday) {
    public Exposure {
        Objects.requireNonNull(storeToday, "store today");
        Objects.requireNonNull(customerToday, "customer today");
    }
}
