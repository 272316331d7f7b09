package io.holdfast.order;

/** Where an order stands in the store. */
public enum OrderStatus {
    READY,
    PARTLY_COLLECTED,
    COLLECTED,
    EXPIRED,
    CANCELLED,
    RETURNED_TO_SENDER
}
