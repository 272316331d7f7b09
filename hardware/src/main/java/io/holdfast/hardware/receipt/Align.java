package io.holdfast.hardware.receipt;

/** Where a line sits across the paper. */
public enum Align { LEFT, CENTRE, RIGHT }
