package io.holdfast.mode;

/** Who a notice is for. */
public enum Audience {
    /** Shown on the kiosk and the customer-facing status. */
    CUSTOMER,
    /** Shown at the desk and on the manager's status page. */
    COLLEAGUE
}
