package io.holdfast.exceptions;

/** The kinds of thing a store manager must look at and resolve. */
public enum ExceptionKind {
    /** Central cancelled an order that this store had already handed over, wholly or partly. */
    ORDER_CANCELLED_AFTER_COLLECTION,
    /** Central declined a refund to the original tender: the customer must be refunded another way. */
    REFUND_DECLINED,
    /** Central found a card spent beyond its balance while stores were offline (several stores at once). */
    GIFT_CARD_OVERDRAWN
}
