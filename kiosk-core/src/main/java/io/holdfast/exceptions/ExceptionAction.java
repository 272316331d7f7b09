package io.holdfast.exceptions;

/** What a colleague or manager does about an exception; some settle it, some are steps on the way. */
public enum ExceptionAction {
    /** The customer was contacted (or tried): a step, the exception stays open. */
    CONTACT_CUSTOMER(false),
    /** The store takes the loss: settles it. */
    WRITE_OFF(true),
    /** An overdrawn card stays blocked until head office clears it: settles it. */
    BLOCK(true),
    /** The customer pays back what was overspent, or the goods come back: settles it. */
    RECOVER(true),
    /** A declined refund is paid another way (cash or store credit, at the desk): settles it. */
    REFUND_ANOTHER_WAY(true);

    private final boolean settles;

    ExceptionAction(boolean settles) {
        this.settles = settles;
    }

    public boolean settles() {
        return settles;
    }
}
