package io.holdfast.order;

/** How the colleague made sure the order is the customer's. */
public enum Verification {
    /** The customer read out or showed the collection code. */
    COLLECTION_CODE,
    /** The customer's signed collection QR was scanned and verified. */
    QR_CODE,
    /** The colleague saw photo ID matching the name on the order. */
    ID_SEEN,
    /** Someone else collects for the customer: their name and the kind of their photo ID are recorded. */
    PROXY
}
