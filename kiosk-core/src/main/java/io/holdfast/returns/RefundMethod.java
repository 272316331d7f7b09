package io.holdfast.returns;

/** How a customer gets their money back. */
public enum RefundMethod {
    /** Back to the card or gift card that paid, through central, now. */
    ORIGINAL_TENDER,
    /** Back to the original tender once REFUNDS is restored: a printed promise with a reference. */
    DEFERRED_TO_ORIGINAL_TENDER,
    /** Store credit now, on a gift card printed as a voucher. */
    STORE_CREDIT,
    /** Cash from the till: at the desk, by a colleague, within the till limit. */
    CASH
}
