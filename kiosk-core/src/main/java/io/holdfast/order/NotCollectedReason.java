package io.holdfast.order;

/** Why units of an order line were not handed over and will not be: recorded for central, which settles with the customer. */
public enum NotCollectedReason {
    /** The customer did not want it (wrong item, changed their mind at the desk). */
    DECLINED,
    /** It arrived damaged; the customer was not given it. */
    DAMAGED,
    /** It is not in the store: the parcel or the item cannot be found. */
    MISSING
}
