package io.holdfast.returns;

/** Where a return is made: at a self-serve kiosk, or at the desk by a colleague. */
public enum Channel {
    KIOSK,
    DESK
}
