package io.holdfast.mode;

/** What central provides, each failing and coming back on its own. */
public enum Capability {
    /** Order management: click-and-collect. */
    ORDERS,
    /** Refunds to the original tender. */
    REFUNDS,
    GIFT_CARDS,
    /** Card terminals and contactless. */
    PAYMENTS,
    LOYALTY
}
