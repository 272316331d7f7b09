package io.holdfast.mode;

/** The store as a whole, derived from its capabilities. */
public enum StoreMode {
    /** Every capability online. */
    NORMAL,
    /** Some capability degraded or restoring. */
    DEGRADED,
    /** Some capability isolated on purpose. */
    ISOLATED;

    static StoreMode of(java.util.Collection<CapabilityStatus> capabilities) {
        if (capabilities.stream().anyMatch(c -> c.state() == CapabilityState.ISOLATED)) {
            return ISOLATED;
        }
        if (capabilities.stream().anyMatch(c -> c.state() != CapabilityState.ONLINE)) {
            return DEGRADED;
        }
        return NORMAL;
    }
}
