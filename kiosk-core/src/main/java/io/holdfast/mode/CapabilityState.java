package io.holdfast.mode;

/** Where a capability stands. See the modes table in DESIGN.md. */
public enum CapabilityState {
    /** Central answers; it is authoritative and the store writes through. */
    ONLINE,
    /** Central is failing or slow: local rules and limits, work queued in the outbox. */
    DEGRADED,
    /** Cut off on purpose: as degraded, and central is not contacted at all. */
    ISOLATED,
    /** Coming back: the backlog drains first; ONLINE once central has acknowledged all of it. */
    RESTORING;

    /** Whether the store decides alone, by its degraded rules. */
    public boolean usesLocalRules() {
        return this != ONLINE;
    }
}
