package io.holdfast.regional.operator;

/** What an operator may do; each role may do everything the one before it may. */
public enum Role {
    /** Sees the fleet. */
    VIEWER,
    /** Isolates anything at once; restores a store, a region or a cohort; asks for fleet-wide restorations and rollouts. */
    OPERATOR,
    /** As an operator, and approves what another person asked for. */
    APPROVER;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }
}
